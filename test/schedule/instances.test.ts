// Several instances, a restart mid-sweep, 稍后提醒 and the chat side of meetings and visits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { arrivalJob } from "../../src/schedule/jobs/arrival.js";
import { nudgeJob } from "../../src/schedule/jobs/nudge.js";
import { outboxJob, runJob, STILL_DUE } from "../../src/schedule/registry.js";
import { createJobContext } from "../../src/schedule/job.js";
import { sendDue } from "../../src/schedule/outbox.js";
import { backendName, openSecondInstance, openTestDatabase, openTestStore, resetDatabase } from "../helpers/backends.js";
import { createTestBot, linkAccount } from "../helpers/bot.js";
import { importSeed } from "../helpers/fixtures.js";
import { waitFor } from "../helpers/wait.js";
import { addLeaders, scheduleDeps, type Delivery } from "../helpers/schedule.js";

describe(`reminders across instances and restarts (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  let second: ReturnType<typeof openSecondInstance>;
  const at = (iso: string) => new Date(`${iso}+08:00`);

  beforeAll(async () => {
    db = await openTestDatabase();
    second = openSecondInstance(db, store);
  });
  afterAll(async () => (await second.close(), await store.close(), await db.close()));
  beforeEach(async () => {
    await resetDatabase(db);
    await importSeed(db, "yubei-2021-postings");
    for (const p of await db.client.person.findMany()) await linkAccount(db, p.name, `acct-${p.id}`);
  });

  it("runs a slot once on two instances, and each reminder is sent once even when both sweep", async () => {
    const one: Delivery[] = [];
    const two: Delivery[] = [];
    const time = at("2021-05-06T09:00:00");
    const [a, b] = await Promise.all([
      runJob(scheduleDeps(db, store, one), arrivalJob, time, { slot: "2021-05-06T09:00" }),
      runJob(scheduleDeps(second.db, second.store, two), arrivalJob, time, { slot: "2021-05-06T09:00" }),
    ]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    // A catch-up run on both instances at once (different slots): the keys still hold.
    await Promise.all([
      runJob(scheduleDeps(db, store, one), arrivalJob, time, { slot: "catchup-a" }),
      runJob(scheduleDeps(second.db, second.store, two), arrivalJob, time, { slot: "catchup-b" }),
    ]);
    const sent = [...one, ...two].map((d) => `${d.personId}:${"card" in d.message ? d.message.card.title : d.message.text}`);
    expect(sent).toHaveLength(11); // one arrival card per posting to its clinic's contact
    expect(new Set(sent).size).toBe(11);
    expect(await db.client.notification.count({ where: { kind: "arrival" } })).toBe(11);
  });

  it("sends nothing twice after a restart in the middle of sending", async () => {
    const time = at("2021-05-06T09:00:00");
    const before: Delivery[] = [];
    const ctx = createJobContext(scheduleDeps(db, store), time);
    await arrivalJob.run(ctx);
    await ctx.flush(false);
    // The process dies during the fourth send: that one was claimed and never finishes.
    let calls = 0;
    const dying = scheduleDeps(db, store, before, {
      deliver: (personId, message) => (++calls === 4 ? new Promise(() => undefined) : (before.push({ personId, message }), Promise.resolve("sent" as const))),
    });
    void sendDue(dying, time, STILL_DUE);
    expect(await waitFor(() => calls === 4)).toBe(true); // the fourth send hangs: the process "dies" there
    expect(before).toHaveLength(3);
    // The restarted instance sweeps again (catch-up) and sends what is left, not what went out.
    const after: Delivery[] = [];
    await runJob(scheduleDeps(second.db, second.store, after), arrivalJob, time, { slot: "restart" });
    const all = [...before, ...after].map((d) => `${d.personId}:${"card" in d.message ? d.message.card.title : ""}`);
    expect(new Set(all).size).toBe(all.length);
    expect(after).toHaveLength(11 - 4); // the claimed-but-unsent one is lost, never doubled
  });

  it("snoozes a nudge for two hours, holds it to the morning after quiet hours, and drops it once the doctor reports", async () => {
    const bot = createTestBot(db, store, "2021-05-10T17:40:00+08:00");
    const deliveries: Delivery[] = [];
    await runJob(scheduleDeps(db, store, deliveries), nudgeJob, at("2021-05-10T17:30:00"), { slot: "n1" });
    const zhang = await db.client.person.findFirstOrThrow({ where: { name: "张灵" } });
    const nudge = await db.client.notification.findFirstOrThrow({ where: { kind: "nudge", recipientPersonId: zhang.id } });
    const snoozed = await bot.tap(`acct-${zhang.id}`, { taskId: nudge.taskId!, key: "snooze", selections: [] });
    expect(snoozed.replies.join()).toContain("5月10日 19:40 再提醒您");
    expect(snoozed.cardUpdate).toBe("稍后提醒 · 5月10日 19:40");
    // Sent at 19:40 to the same person.
    const later: Delivery[] = [];
    await runJob(scheduleDeps(db, store, later), outboxJob, at("2021-05-10T19:45:00"), { slot: "o1" });
    expect(later.map((d) => d.personId)).toEqual([zhang.id]);
    // Snoozed again at 20:30 → 22:30 is quiet → 08:00 next morning; she reports first → never sent.
    const again = await db.client.notification.findFirstOrThrow({ where: { kind: "nudge", recipientPersonId: zhang.id, sentAt: { not: null } }, orderBy: { id: "desc" } });
    bot.setNow("2021-05-10T20:30:00+08:00");
    expect((await bot.tap(`acct-${zhang.id}`, { taskId: again.taskId!, key: "snooze", selections: [] })).replies.join()).toContain("5月11日 08:00");
    bot.setNow("2021-05-11T07:30:00+08:00");
    await bot.say(`acct-${zhang.id}`, "查房+1");
    const morning: Delivery[] = [];
    await runJob(scheduleDeps(db, store, morning), outboxJob, at("2021-05-11T08:01:00"), { slot: "o2" });
    expect(morning).toEqual([]);
    expect(await db.client.notification.count({ where: { kind: "nudge", cancelledAt: { not: null } } })).toBe(1);
  });

  it("lets a leader log meetings and visits from chat, and closes the reminders they answer", async () => {
    const ids = await addLeaders(db);
    await linkAccount(db, "王院长", "wang");
    await linkAccount(db, "李主任", "li");
    await linkAccount(db, "陈局长", "chen");
    const bot = createTestBot(db, store, "2021-06-20T15:00:00+08:00");
    expect(await bot.say("wang", "会议 6月20日 第二季度对口支援专题会议 参会：王院长、李主任")).toContain("已记录会议：6月20日 第二季度对口支援专题会议（渝北区中医院）");
    expect(await bot.say("li", "督导 6月12日 泥溪镇 检查门诊和病房")).toContain("已记录督导：6月12日 云阳县泥溪镇卫生院（科室主任）");
    expect(await bot.say("chen", "督导 6月13日 江口镇中心卫生院 检查情况良好")).toContain("（卫生健康行政部门）");
    expect(await bot.say("chen", "督导 6月13日 卫生院 检查")).toContain("没有找到受援单位");
    expect(await bot.say(`acct-${(await db.client.person.findFirstOrThrow({ where: { name: "张灵" } })).id}`, "会议 6月20日 例会")).toContain("由领导或管理员记录");
    const visit = await db.client.supervisionVisit.findFirstOrThrow({ where: { visitorKind: "dept_head" } });
    expect(visit).toMatchObject({ visitors: "李主任", report: "检查门诊和病房", loggedById: ids["李主任"] });
    expect(await STILL_DUE.meeting_due(db.client, { subject: `org:${(await db.client.organization.findUniqueOrThrow({ where: { name: "渝北区中医院" } })).id}:person:1`, period: "2021Q2", recipientPersonId: 1 }, "Asia/Shanghai")).toBe(false);
  });
});
