// 请假 by the procedure: the approver (the programme's, or the clinic's contact where it names none) gets a
// card to approve, the supporting hospital is told, and the digest shows leave nobody approved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Card } from "../../src/cards/card.js";
import { digestJob } from "../../src/schedule/jobs/digest.js";
import { runJob } from "../../src/schedule/registry.js";
import { backendName, openTestDatabase, openTestStore } from "../helpers/backends.js";
import { createTestBot, linkAccount } from "../helpers/bot.js";
import { importSeed } from "../helpers/fixtures.js";
import { addLeaders, scheduleDeps } from "../helpers/schedule.js";

describe(`leave by the procedure (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  let bot: ReturnType<typeof createTestBot>;
  const cardTo = async (name: string) => {
    const person = await db.client.person.findFirstOrThrow({ where: { name } });
    const n = await db.client.notification.findFirstOrThrow({ where: { kind: "leave_approval", recipientPersonId: person.id } });
    return (n.payload as { message: { card: Card } }).message.card;
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    await importSeed(db, "yubei-2021-postings", { programme: "渝北2021" });
    await addLeaders(db);
    for (const name of ["张灵", "刘平春", "王院长", "向玲丽"]) await linkAccount(db, name, `acct-${name}`);
    bot = createTestBot(db, store, "2021-06-14T10:00:00+08:00");
  });
  afterAll(async () => (await store.close(), await db.close()));

  it("sends the clinic's contact a card to approve, and tells the supporting hospital", async () => {
    expect(await bot.say("acct-张灵", "请假 6月15日-6月18日 家中有事")).toContain("已登记请假：6月15日 至 6月18日（家中有事）。已送 刘平春 批准");
    const card = await cardTo("刘平春");
    expect(card.title).toBe("请假待批准：张灵");
    const notices = await db.client.notification.findMany({ where: { kind: "leave_notice" } });
    expect(notices.map((n) => (n.payload as { recipient: string }).recipient).sort()).toEqual(["李主任", "王院长"].sort());
  });

  it("shows the leave as unapproved in the digest until it is approved", async () => {
    const run = await runJob(scheduleDeps(db, store), digestJob, new Date("2021-06-21T09:00:00+08:00"), { dryRun: true });
    expect(run.emitted.length).toBeGreaterThan(0);
    await runJob(scheduleDeps(db, store), digestJob, new Date("2021-06-21T09:00:00+08:00"));
    const digest = await db.client.notification.findFirstOrThrow({ where: { kind: "digest", recipientPersonId: (await db.client.person.findFirstOrThrow({ where: { name: "王院长" } })).id } });
    const lines = (digest.payload as { message: { card: Card } }).message.card.lines;
    expect(lines).toContainEqual({ key: "未批准的请假", value: "张灵" });
  });

  it("is approved by the contact's tap, once; nobody else may approve it", async () => {
    const { taskId } = await cardTo("刘平春");
    expect((await bot.tap("acct-向玲丽", { taskId, key: "approve", selections: [] })).replies.join()).toContain("只有请假的审批人可以批准");
    const approved = await bot.tap("acct-刘平春", { taskId, key: "approve", selections: [] });
    expect(approved.replies.join()).toContain("已批准 张灵 的请假（6月15日 至 6月18日）");
    expect(approved.cardUpdate).toMatch(/^已批准 · 刘平春 · /);
    expect((await bot.tap("acct-刘平春", { taskId, key: "approve", selections: [] }, "again")).replies.join()).toContain("已由 刘平春");
    const leave = await db.client.leave.findFirstOrThrow();
    expect(leave.approvedAt).not.toBeNull();
    const told = await db.client.notification.findFirstOrThrow({ where: { kind: "leave_approved" } });
    expect((told.payload as { message: { text: string } }).message.text).toBe("您的请假（6月15日 至 6月18日）已由 刘平春 批准。");
  });
});
