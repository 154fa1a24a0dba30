import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decideMessage } from "../../src/bot/pipeline.js";
import type { Store } from "../../src/infra/store.js";
import { backendName, openTestDatabase, openTestStore, resetDatabase } from "../helpers/backends.js";
import { createTestBot, linkAccount, type TestBot } from "../helpers/bot.js";
import { importSeed } from "../helpers/fixtures.js";

describe(`chat pipeline (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  let bot: TestBot;
  let zhang: number;

  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(async () => (await store.close(), await db.close()));
  beforeEach(async () => {
    await resetDatabase(db);
    await importSeed(db, "yubei-2021-postings");
    const programme = await db.client.programme.findFirstOrThrow();
    await db.client.target.createMany({ data: [
      { programmeId: programme.id, metric: "lectures", minimum: 5, period: "half_year" },
      { programmeId: programme.id, metric: "rounds", minimum: 20, period: "half_year" },
    ] });
    zhang = await linkAccount(db, "张灵", "zhangling");
    bot = createTestBot(db, store, "2021-06-15T10:00:00+08:00");
  });

  const total = async (metric: "lectures" | "rounds" | "patients", personId = zhang) =>
    (await db.client.workloadEntry.aggregate({ where: { personId, metric, revokedAt: null }, _sum: { quantity: true } }))._sum.quantity ?? 0;

  it("records a report and answers with the month's totals and the targets", async () => {
    const answer = await bot.say("zhangling", "讲座+1 查房+3");
    expect(answer).toContain("已记录：讲座 1 次、查房 3 次。");
    expect(answer).toContain("本月：查房 3，讲座 1。");
    expect(answer).toContain("讲座 1/5（本半年）");
    expect(answer).toContain("查房 3/20（本半年）");
    expect(answer).toContain("还差：讲座 4 次、查房 17 次");
    expect(await total("rounds")).toBe(3);
    const inbound = await db.client.inboundMessage.findFirstOrThrow();
    expect(inbound).toMatchObject({ outcome: "recorded", personId: zhang, text: "讲座+1 查房+3" });
  });

  it("records a platform retry of the same message once, even when the copies arrive together", async () => {
    const msg = { platform: "wecom" as const, msgId: "1456453720", senderId: "zhangling", text: "查房+3", receivedAt: new Date() };
    const results = await Promise.all([decideMessage(bot, msg), decideMessage(bot, msg), decideMessage(bot, msg)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await decideMessage(bot, msg)).toMatchObject({ duplicate: true, replies: [] });
    expect(await total("rounds")).toBe(3);
    expect(await db.client.inboundMessage.count()).toBe(1);
  });

  it("processes an acknowledged message while the shared store (Redis) is down: the claim is the database's", async () => {
    const down = new Proxy({} as Store, { get: () => async () => { throw new Error("connect ECONNREFUSED 127.0.0.1:6379"); } });
    const msg = { platform: "wecom" as const, msgId: "redis-down-1", senderId: "zhangling", text: "查房+3", receivedAt: new Date() };
    const result = await decideMessage({ ...bot, store: down }, msg);
    expect(result.replies.join()).toContain("已记录：查房 3 次。");
    expect(await total("rounds")).toBe(3);
    expect(await db.client.inboundMessage.findFirstOrThrow()).toMatchObject({ outcome: "recorded" });
  });

  it("keeps an unreadable message, records none of it, and quotes the part it did not understand", async () => {
    const answer = await bot.say("zhangling", "讲座+1 吃饭+2");
    expect(answer).toContain("没看懂“吃饭+2”");
    expect(answer).toContain("讲座+1 查房+3");
    expect(await total("lectures")).toBe(0);
    expect(await db.client.inboundMessage.findFirstOrThrow()).toMatchObject({ outcome: "rejected", reason: "unknown", text: "讲座+1 吃饭+2" });
  });

  it("answers a stranger politely, keeps the message and notes it for the admins once a day", async () => {
    const answer = await bot.say("stranger", "讲座+1");
    expect(answer).toContain("尚未登记");
    await bot.say("stranger", "查房+1");
    expect(await db.client.inboundMessage.count({ where: { outcome: "unknown_sender" } })).toBe(2);
    expect(await db.client.notification.findMany()).toMatchObject([{ kind: "unknown_sender", subject: "wecom:stranger", period: "2021-06-15" }]);
  });

  it("asks before recording an implausible count, and records it once on 确认", async () => {
    expect(await bot.say("zhangling", "查房+100000")).toContain("超过每日常见上限");
    expect(await total("rounds")).toBe(0);
    expect(await bot.say("zhangling", "确认")).toContain("已记录：查房 100000 次");
    expect(await bot.say("zhangling", "确认")).toContain("没有待确认的记录");
    expect(await total("rounds")).toBe(100000);
  });

  describe("a doctor posted to two clinics at once", () => {
    let first: { id: number; recipientOrgId: number };
    let second: { id: number; name: string };
    beforeEach(async () => {
      first = await db.client.posting.findFirstOrThrow({ where: { personId: zhang } });
      const other = await db.client.organization.findFirstOrThrow({ where: { kind: "recipient", id: { not: first.recipientOrgId } } });
      const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = await db.client.posting.findUniqueOrThrow({ where: { id: first.id } });
      const made = await db.client.posting.create({ data: { ...copy, scheduledWeekdays: copy.scheduledWeekdays, recipientOrgId: other.id, pairingId: null, replacesPostingId: null } });
      second = { id: made.id, name: other.name };
    });
    const atPosting = async (postingId: number) =>
      (await db.client.workloadEntry.aggregate({ where: { postingId, revokedAt: null }, _sum: { quantity: true } }))._sum.quantity ?? 0;

    it("is asked which clinic a report is for, and records it there on the answer's number", async () => {
      const asked = await bot.say("zhangling", "查房+2");
      expect(asked).toContain("这条记录算哪一家");
      expect(asked).toContain(second.name);
      expect(await total("rounds")).toBe(0);
      const order = /1\. (\S+?)、2\. (\S+?)。/.exec(asked)!;
      const pick = order[1] === second.name ? "1" : "2";
      const answer = await bot.say("zhangling", pick);
      expect(answer).toContain("已记录：查房 2 次。");
      expect(answer).toContain(`记入：${second.name}`);
      expect([await atPosting(second.id), await atPosting(first.id)]).toEqual([2, 0]);
      expect(await bot.say("zhangling", pick)).toContain("没有等待选择单位的记录");
    });

    it("records at once at the clinic a report starts by naming", async () => {
      const short = second.name.replace(/(?:中心卫生院|卫生院)$/, "");
      const answer = await bot.say("zhangling", `${short} 讲座+1`);
      expect(answer).toContain("已记录：讲座 1 次。");
      expect(await atPosting(second.id)).toBe(1);
    });
  });

  it("names what is already recorded that day when it asks about a count over the daily bound", async () => {
    expect(await bot.say("zhangling", "查房+8")).toContain("已记录：查房 8 次");
    const asked = await bot.say("zhangling", "查房+3");
    expect(asked).toContain("超过每日常见上限（查房 10 次；今天已记录 查房 8 次）");
    expect(await bot.say("zhangling", "昨天 讲座+6")).toMatch(/（讲座 5 次；\d+月\d+日还没有记录讲座）/);
  });

  it("holds the daily bound under concurrent reports: 30 at once record no more than the limit", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => bot.say("zhangling", "讲座+1")));
    expect(await total("lectures")).toBe(5);
    expect(answers.filter((a) => a.includes("已记录："))).toHaveLength(5);
    expect(answers.filter((a) => a.includes("超过每日常见上限"))).toHaveLength(25);
  });

  it("asks before applying an implausible correction, and applies it once on 确认", async () => {
    await bot.say("zhangling", "查房+2");
    expect(await bot.say("zhangling", "更正 查房=99999")).toContain("超过每日常见上限");
    expect(await total("rounds")).toBe(2);
    expect(await bot.say("zhangling", "确认")).toContain("99999");
    expect(await total("rounds")).toBe(99999);
    expect(await bot.say("zhangling", "确认")).toContain("没有待确认的记录");
    expect(await bot.say("zhangling", "更正 查房=3")).toContain("3");
    expect(await total("rounds")).toBe(3);
  });

  it("counts the day's earlier reports toward the daily bound", async () => {
    await bot.say("zhangling", "查房+8");
    expect(await bot.say("zhangling", "查房+3")).toContain("超过每日常见上限");
    expect(await total("rounds")).toBe(8);
  });

  it("undoes the last report, keeping it in the ledger as revoked", async () => {
    await bot.say("zhangling", "讲座+1");
    await bot.say("zhangling", "查房+3 讲座+2");
    expect(await bot.say("zhangling", "撤销")).toContain("已撤销上一条记录：查房 3 次、讲座 2 次");
    expect(await total("lectures")).toBe(1);
    expect(await db.client.workloadEntry.count()).toBe(3);
    await bot.say("zhangling", "撤销");
    expect(await bot.say("zhangling", "撤销")).toContain("没有可撤销的记录");
  });

  it("corrects a day's count by adding the difference, never editing in place", async () => {
    await bot.say("zhangling", "查房+3");
    expect(await bot.say("zhangling", "更正 查房=2")).toContain("已更正：6月15日 查房 为 2 次（原为 3 次）");
    expect(await total("rounds")).toBe(2);
    const entries = await db.client.workloadEntry.findMany({ orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.source, e.quantity])).toEqual([["chat", 3], ["correction", -1]]);
    expect(await bot.say("zhangling", "更正 昨天 查房=0")).toContain("已经是 0 次");
  });

  it("back-dates within the posting and refuses days outside it or in the future", async () => {
    expect(await bot.say("zhangling", "昨天 查房+2")).toContain("（6月14日）");
    expect(await bot.say("zhangling", "4月20日 讲座+1")).toContain("不在派驻期内（2021-05-01 至 2021-10-31）");
    expect(await bot.say("zhangling", "明天 讲座+1")).toContain("没看懂“明天”");
    expect(await total("lectures")).toBe(0);
  });

  it("needs a reason to change a closed month, and flags the change as a late correction", async () => {
    bot.setNow("2021-07-10T10:00:00+08:00");
    expect(await bot.say("zhangling", "6月3日 查房+2")).toContain("2021年6月的报表已提交");
    expect(await bot.say("zhangling", "更正 6月 查房=20")).toContain("修改需要注明原因");
    expect(await bot.say("zhangling", "更正 6月 查房=20 原因：漏报")).toContain("已更正：2021年6月 查房 合计为 20 次（原为 0 次）");
    const entry = await db.client.workloadEntry.findFirstOrThrow();
    expect(entry).toMatchObject({ isLateCorrection: true, reason: "漏报", quantity: 20, source: "correction" });
    expect(entry.occurredOn.toISOString().slice(0, 10)).toBe("2021-06-30");
    expect(await bot.say("zhangling", "6月3日 查房+2 原因：补报")).toContain("补报");
    expect(await total("rounds")).toBe(22);
  });

  it("treats a submitted month as closed before its deadline", async () => {
    const posting = await db.client.posting.findFirstOrThrow({ where: { personId: zhang } });
    await db.client.monthlyReport.create({ data: { postingId: posting.id, month: "2021-06", via: "card" } });
    bot.setNow("2021-07-02T10:00:00+08:00");
    expect(await bot.say("zhangling", "6月30日 查房+1")).toContain("已提交");
    expect(await bot.say("zhangling", "7月1日 查房+1")).toContain("已记录");
  });

  it("keeps one ledger for a person on two platforms", async () => {
    await linkAccount(db, "张灵", "ding-zl", "dingtalk");
    await bot.say("zhangling", "查房+3");
    const answer = await bot.say("ding-zl", "查房+2", { platform: "dingtalk" });
    expect(answer).toContain("本月：查房 5");
    expect(await total("rounds")).toBe(5);
  });

  it("binds a chat account by name and the phone's last four digits, with limited attempts", async () => {
    expect(await bot.say("newcomer", "绑定 龙玉顺 9999")).toContain("还可尝试 4 次");
    expect(await bot.say("newcomer", "绑定 龙玉顺 0002")).toContain("绑定成功：龙玉顺（渝北区中医院）");
    expect(await bot.say("newcomer", "查房+1")).toContain("已记录");
    for (let i = 0; i < 5; i++) await bot.say("guesser", "绑定 龙玉顺 1111");
    expect(await bot.say("guesser", "绑定 龙玉顺 0002")).toContain("尝试次数过多");
  });

  it("binds only a doctor or a clinic contact: a leader's or an admin's account is the admin's to link", async () => {
    const bureau = await db.client.organization.create({ data: { name: "云阳县卫生健康委员会", kind: "authority", region: "云阳县" } });
    await db.client.person.create({ data: { name: "陈科长", role: "leader", organizationId: bureau.id, phone: "13900001234" } });
    await db.client.person.create({ data: { name: "管理员甲", role: "admin", organizationId: bureau.id, phone: "13900005678" } });
    expect(await bot.say("intruder", "绑定 陈科长 1234")).toContain("需由管理员");
    expect(await bot.say("intruder2", "绑定 管理员甲 5678")).toContain("需由管理员");
    expect(await db.client.chatIdentity.count({ where: { externalUserId: { in: ["intruder", "intruder2"] } } })).toBe(0);
  });

  it("counts tries per name as well as per account, so many accounts cannot guess one person's digits", async () => {
    const name = `邓国贤`;
    for (let i = 0; i < 10; i++) expect(await bot.say(`account${i}`, `绑定 ${name} ${String(1000 + i)}`)).toContain("没有找到");
    expect(await bot.say("account-last", `绑定 ${name} 1010`)).toContain("尝试次数过多");
    expect(await db.client.chatIdentity.count({ where: { externalUserId: "account-last" } })).toBe(0);
  });

  it("tells the person's existing account when another account is bound to them", async () => {
    expect(await bot.say("second-phone", "绑定 张灵 0001")).toContain("绑定成功");
    const told = await db.client.notification.findFirstOrThrow({ where: { kind: "bind_notice", recipientPersonId: zhang } });
    expect(told.payload).toMatchObject({ message: { account: { platform: "wecom", externalUserId: "zhangling" }, text: expect.stringContaining("如果不是您本人操作") } });
  });

  it("refuses a message longer than any command needs, saying so, and never echoes more than a short quote", async () => {
    const long = await bot.say("zhangling", "讲座+1 " + "啊".repeat(3000));
    expect(long).toContain("超过了 2000 字");
    expect(long.length).toBeLessThan(200);
    const odd = await bot.say("zhangling", "讲座+1 " + "啊".repeat(400));
    expect(odd).toContain("没看懂");
    expect(odd.length).toBeLessThan(200);
    expect(await bot.say("zhangling", `请假 6月20日-6月21日 ${"家".repeat(300)}`)).toContain("请假事由最多 200 个字");
    expect(await total("lectures")).toBe(0);
  });

  it("logs a leader's 督导 only at a clinic in their scope: another region's clinic reads as not found", async () => {
    const hospital = await db.client.organization.findUniqueOrThrow({ where: { name: "渝北区中医院" } });
    const leader = await db.client.person.create({ data: { name: "院长", role: "leader", organizationId: hospital.id } });
    await db.client.chatIdentity.create({ data: { platform: "wecom", externalUserId: "yuanzhang", personId: leader.id } });
    await db.client.organization.create({ data: { name: "外县某某卫生院", kind: "recipient" } });
    expect(await bot.say("yuanzhang", "督导 6月12日 外县某某卫生院 检查情况良好")).toContain("没有找到受援单位");
    expect(await bot.say("yuanzhang", "督导 6月12日 江口镇中心卫生院 检查情况良好")).toContain("已记录督导");
    expect(await db.client.supervisionVisit.count()).toBe(1);
    // 进修 likewise: only at a clinic the hospital is paired with.
    expect(await bot.say("yuanzhang", "进修 2人 3个月 外县某某卫生院 内科")).toContain("没有找到受援单位");
    expect(await bot.say("yuanzhang", "进修 2人 3个月 江口镇中心卫生院 内科")).toContain("已记录培训");
    expect(await db.client.trainingRecord.count()).toBe(1);
  });

  it("answers 本月 with month and posting totals", async () => {
    await bot.say("zhangling", "讲座+1 查房+3");
    const answer = await bot.say("zhangling", "本月");
    expect(answer).toContain("张灵，2021年6月工作量");
    expect(answer).toContain("派驻以来（2021-05-01 起）：查房 3，讲座 1");
  });

  it("registers leave and pauses reminders", async () => {
    expect(await bot.say("zhangling", "请假 6月20日-6月22日 家中有事")).toContain("已登记请假：6月20日 至 6月22日（家中有事）");
    const leave = await db.client.leave.findFirstOrThrow();
    expect([leave.startDate.toISOString().slice(0, 10), leave.endDate.toISOString().slice(0, 10), leave.reason]).toEqual(["2021-06-20", "2021-06-22", "家中有事"]);
    expect(await bot.say("zhangling", "暂停提醒 至 7月1日")).toContain("已暂停提醒至 7月1日");
    expect((await db.client.person.findUniqueOrThrow({ where: { id: zhang } })).remindersPausedUntil?.toISOString()).toBe("2021-07-01T15:59:59.000Z");
    await bot.say("zhangling", "恢复提醒");
    expect((await db.client.person.findUniqueOrThrow({ where: { id: zhang } })).remindersPausedUntil).toBeNull();
  });

  it("refuses leave that runs past the posting's end, and registers nothing", async () => {
    expect(await bot.say("zhangling", "请假 10月25日-11月5日 休假")).toContain("超出了派驻结束日期 10月31日，没有登记");
    expect(await db.client.leave.count()).toBe(0);
  });

  it("tells a doctor whose posting has ended that nothing can be recorded", async () => {
    bot.setNow("2021-11-05T10:00:00+08:00");
    expect(await bot.say("zhangling", "查房+1")).toContain("没有进行中的派驻");
  });
});
