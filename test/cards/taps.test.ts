import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { arrivalCard, monthEndCard } from "../../src/cards/build.js";
import { sumWorkload } from "../../src/services/workload/sum-workload.js";
import { newTaskId, parseTaskId } from "../../src/cards/card.js";
import { decideMessage } from "../../src/bot/pipeline.js";
import { findArrivalPosting } from "../../src/services/postings/find-arrival-posting.js";
import { backendName, openTestDatabase, openTestStore, resetDatabase } from "../helpers/backends.js";
import { createTestBot, linkAccount, type TestBot } from "../helpers/bot.js";
import { importSeed } from "../helpers/fixtures.js";

const NOT_YOURS = JSON.parse(readFileSync(new URL("../../templates/cards.json", import.meta.url), "utf8")).not_yours as string;

describe(`card taps (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  let bot: TestBot;
  let zhang: number;
  let posting: number;

  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(async () => (await store.close(), await db.close()));
  beforeEach(async () => {
    await resetDatabase(db);
    await importSeed(db, "yubei-2021-postings");
    zhang = await linkAccount(db, "张灵", "zhangling");
    await linkAccount(db, "刘平春", "liupingchun"); // 江口镇's contact
    await linkAccount(db, "向玲丽", "xianglingli"); // another clinic's contact
    await linkAccount(db, "周玉", "zhouyu"); // another doctor at 江口镇
    posting = (await db.client.posting.findFirstOrThrow({ where: { personId: zhang } })).id;
    bot = createTestBot(db, store, "2021-05-02T09:30:00+08:00");
  });

  const arrivalTask = async () => arrivalCard((await findArrivalPosting(db.client, posting))!).taskId;
  const state = () => db.client.posting.findUniqueOrThrow({ where: { id: posting }, include: { arrivalConfirmedBy: true } });

  it("task ids fit WeCom's rule and name their subject", () => {
    const id = newTaskId("month_end", 123, "2021-06");
    expect(id).toMatch(/^[0-9a-zA-Z_\-@]{1,128}$/);
    expect(parseTaskId(id)).toEqual({ kind: "month_end", subject: 123, period: "2021-06" });
    expect(parseTaskId(newTaskId("quick_report", 7, "2021-06-15"))).toEqual({ kind: "quick_report", subject: 7, period: "2021-06-15" });
    expect(parseTaskId("arr_1_../../x")).toBeUndefined();
    expect(newTaskId("arrival", 1)).not.toBe(newTaskId("arrival", 1));
  });

  it("lets only the leader a digest was sent to mark it read, and greys its button", async () => {
    const leader = (await db.client.person.findFirstOrThrow({ where: { name: "刘平春" } })).id;
    const taskId = newTaskId("digest", leader, "2021-05-03");
    const other = await bot.tap("zhangling", { taskId, key: "read", selections: [] });
    expect(other.cardUpdate).toBeUndefined();
    expect(other.replies.join()).toContain(NOT_YOURS);
    const read = await bot.tap("liupingchun", { taskId, key: "read", selections: [] });
    expect(read.cardUpdate).toBe("已阅 · 5月2日 09:30");
    expect(read.replies).toEqual([]);
  });

  it("lets only the clinic's contact confirm an arrival, once, and tells everyone else why nothing changed", async () => {
    const taskId = await arrivalTask();
    const stranger = await bot.tap("xianglingli", { taskId, key: "arrived", selections: [] });
    expect(stranger.replies.join()).toContain("只有 云阳县江口镇中心卫生院 的联系人可以确认 张灵 到岗");
    expect(stranger.cardUpdate).toBeUndefined();
    expect((await state()).status).toBe("planned");

    const contact = await bot.tap("liupingchun", { taskId, key: "arrived", selections: [] });
    expect(contact.cardUpdate).toBe("已确认 · 刘平春 · 5月2日 09:30");
    expect(contact.replies.join()).toContain("已确认 张灵 到岗");
    const after = await state();
    expect(after).toMatchObject({ status: "arrived", arrivalConfirmedBy: { name: "刘平春" } });
    expect(after.arrivedAt?.toISOString()).toBe("2021-05-02T01:30:00.000Z");

    // The same tap replayed: nothing at all. A different tap later: the card is brought up to date.
    expect(await bot.tap("liupingchun", { taskId, key: "arrived", selections: [] })).toMatchObject({ duplicate: true, replies: [] });
    bot.setNow("2021-05-02T11:00:00+08:00");
    const late = await bot.tap("liupingchun", { taskId, key: "not_arrived", selections: [] });
    expect(late.replies.join()).toContain("已于 5月2日 09:30 由 刘平春 确认到岗");
    expect(late.cardUpdate).toBe("已确认 · 刘平春 · 5月2日 09:30");
    expect((await state()).notArrivedAt).toBeNull();
    expect(await db.client.auditLog.count({ where: { subject: `posting:${posting}` } })).toBe(1);
  });

  it("records 未到岗 without closing the posting, and refuses taps on an ended posting", async () => {
    const taskId = await arrivalTask();
    await bot.tap("liupingchun", { taskId, key: "not_arrived", selections: [] });
    expect(await state()).toMatchObject({ status: "planned", arrivedAt: null });
    expect((await state()).notArrivedAt).not.toBeNull();
    await db.client.posting.update({ where: { id: posting }, data: { status: "ended" } });
    const ended = await bot.tap("liupingchun", { taskId, key: "arrived", selections: [] });
    expect(ended.replies.join()).toContain("已结束或已更换人员");
    expect((await state()).status).toBe("ended");
  });

  it("submits the month from the month-end card once, only for its doctor", async () => {
    bot.setNow("2021-06-01T09:00:00+08:00");
    await bot.say("zhangling", "5月20日 查房+3 讲座+1");
    const card = monthEndCard({ postingId: posting, recipientOrgName: "江口", month: "2021-05", totals: await sumWorkload(db.client, { personId: zhang, from: "2021-05-01", to: "2021-05-31" }) });
    expect(card.type === "buttons" && card.lines).toEqual([{ key: "查房", value: "3 次" }, { key: "讲座", value: "1 次" }]);
    const other = await bot.tap("zhouyu", { taskId: card.taskId, key: "submit", selections: [] });
    expect(other.replies.join()).toContain("不是发给您的");
    const revise = await bot.tap("zhangling", { taskId: card.taskId, key: "revise", selections: [] });
    expect(revise.replies.join()).toContain("更正 5月 查房=20");
    expect(await db.client.monthlyReport.count()).toBe(0);
    const submit = await bot.tap("zhangling", { taskId: card.taskId, key: "submit", selections: [] });
    expect(submit.cardUpdate).toBe("已提交 · 6月1日 09:00");
    expect(await db.client.monthlyReport.findFirstOrThrow()).toMatchObject({ postingId: posting, month: "2021-05", via: "card" });
    // A second card for the same month (a reminder) finds it already submitted.
    const again = monthEndCard({ postingId: posting, recipientOrgName: "江口", month: "2021-05", totals: await sumWorkload(db.client, { personId: zhang, from: "2021-05-01", to: "2021-05-31" }) });
    expect((await bot.tap("zhangling", { taskId: again.taskId, key: "submit", selections: [] })).replies.join()).toContain("月报已提交，无需重复提交");
    // The month is now closed to plain reports.
    expect(await bot.say("zhangling", "5月21日 查房+1")).toContain("报表已提交");
  });

  it("sends the quick report card on 填报, with the doctor's usual metrics first, and records its submission like a chat report", async () => {
    await bot.say("zhangling", "手术+1");
    await bot.say("zhangling", "手术+2");
    const answer = await bot.say("zhangling", "填报");
    expect(answer).toContain("请直接发送今天的工作量");
    const result = await decideMessage(bot, { platform: "wecom", msgId: "m-card", senderId: "zhangling", text: "填报", receivedAt: new Date() });
    const card = result.cards![0];
    expect(card.type).toBe("form");
    if (card.type !== "form") return;
    expect(card.selects.map((s) => s.questionKey)).toEqual(["surgeries", "rounds", "lectures"]);
    expect(card.selects[0].options.map((o) => o.id)).toEqual(["0", "1", "2", "3", "4", "5"]);

    const selections = [{ questionKey: "surgeries", optionIds: ["0"] }, { questionKey: "rounds", optionIds: ["3"] }, { questionKey: "lectures", optionIds: ["1"] }];
    const submitted = await bot.tap("zhangling", { taskId: card.taskId, key: "submit", selections });
    expect(submitted.replies.join()).toContain("已记录：查房 3 次、讲座 1 次");
    expect(submitted.cardUpdate).toBe("已提交 · 5月2日 09:30");
    const entries = await db.client.workloadEntry.findMany({ where: { source: "card" } });
    expect(entries.map((e) => [e.metric, e.quantity])).toEqual([["rounds", 3], ["lectures", 1]]);
    // A double tap is the same callback: nothing twice.
    expect(await bot.tap("zhangling", { taskId: card.taskId, key: "submit", selections })).toMatchObject({ duplicate: true });
    expect(await db.client.workloadEntry.count({ where: { source: "card" } })).toBe(2);
  });

  it("refuses an empty or forged quick report, and someone else's card", async () => {
    const taskId = newTaskId("quick_report", zhang, "2021-05-02");
    const empty = await bot.tap("zhangling", { taskId, key: "submit", selections: [{ questionKey: "rounds", optionIds: ["0"] }] }, "a");
    expect(empty.replies.join()).toContain("没有选择任何数量");
    const forged = await bot.tap("zhangling", { taskId, key: "submit", selections: [{ questionKey: "rm -rf", optionIds: ["3"] }] }, "b");
    expect(forged.replies.join()).toContain("卡片已失效");
    const other = await bot.tap("zhouyu", { taskId, key: "submit", selections: [{ questionKey: "rounds", optionIds: ["3"] }] }, "c");
    expect(other.replies.join()).toContain("不是发给您的");
    expect(await db.client.workloadEntry.count()).toBe(0);
    expect(await db.client.inboundMessage.findFirstOrThrow({ where: { externalMsgId: "b" } })).toMatchObject({ outcome: "rejected", reason: "unknown_card" });
  });
});
