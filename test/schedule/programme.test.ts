// A whole programme with a fixed clock: the 渝北 2021 roster, 2021-05-01..2021-10-31, every job at its
// time each day. Every reminder kind fires on the expected days and only then; holidays and quiet
// hours hold what falls on them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dbDate, dayjs } from "../../src/infra/time.js";
import { isWorkingDay } from "../../src/schedule/calendar.js";
import { JOBS, SWEEPS, outboxJob, runJob } from "../../src/schedule/registry.js";
import { cronOf } from "../../src/schedule/job.js";
import { decideMessage } from "../../src/bot/pipeline.js";
import { arrivalCard } from "../../src/cards/build.js";
import { findArrivalPosting } from "../../src/services/postings/find-arrival-posting.js";
import type { Card } from "../../src/cards/card.js";
import type { BarChart } from "../../src/charts/bar-chart.js";
import { backendName, openTestDatabase, openTestStore } from "../helpers/backends.js";
import { createTestBot, linkAccount } from "../helpers/bot.js";
import { importSeed } from "../helpers/fixtures.js";
import { addLeaders, scheduleDeps, type Delivery } from "../helpers/schedule.js";

type Log = { day: string; kind: string; recipient: string; subject: string }[];

describe(`a whole programme of reminders (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  const log: Log = [];
  const deliveries: Delivery[] = [];
  const ids: Record<string, number> = {};
  const postingOf: Record<string, number> = {};

  const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

  /** Everyone but 黄程 reports at 10:00 on working days; 龙玉顺 not during her leave. */
  async function report(day: string): Promise<void> {
    if (!isWorkingDay(day)) return;
    const off = day >= "2021-06-15" && day <= "2021-06-18";
    const rows = Object.entries(postingOf)
      .filter(([name]) => name !== "黄程" && !(name === "龙玉顺" && off))
      .map(([name, postingId]) => ({ postingId, personId: ids[name], metric: "rounds" as const, quantity: 1, occurredOn: dbDate(day), source: "cli" as const, rawText: "查房+1", createdAt: at(day, "10:00") }));
    await db.client.workloadEntry.createMany({ data: rows });
  }

  async function runDay(day: string, bot: ReturnType<typeof createTestBot>): Promise<void> {
    const weekday = dayjs.utc(day).day();
    await runJob(scheduleDeps(db, store, deliveries), outboxJob, at(day, "08:00"), { slot: `${day}T08:00` });
    let reported = false;
    for (const job of [...SWEEPS].sort((a, b) => a.time.localeCompare(b.time))) {
      if (job.weekday !== undefined && job.weekday % 7 !== weekday) continue;
      if (job.time > "10:00" && !reported) (await report(day), (reported = true));
      const run = await runJob(scheduleDeps(db, store, deliveries), job, at(day, job.time), { slot: `${day}T${job.time}` });
      log.push(...run.emitted.map((e) => ({ day, ...e })));
      // The 09:00 arrival cards: every clinic contact but 张苏丹 (泥溪镇, 黄程's clinic) confirms at 09:30.
      if (job.name === "arrival" && day === "2021-05-06") await confirmArrivals(bot, day);
    }
    if (!reported) await report(day);
    await events(day, bot);
  }

  async function confirmArrivals(bot: ReturnType<typeof createTestBot>, day: string): Promise<void> {
    bot.setNow(at(day, "09:30").toISOString());
    for (const [name, postingId] of Object.entries(postingOf)) {
      if (name === "黄程") continue;
      const posting = (await findArrivalPosting(db.client, postingId))!;
      const contact = await db.client.person.findUniqueOrThrow({ where: { id: posting.contactPersonId! } });
      await decideMessage(bot, { platform: "wecom", msgId: `arr-${postingId}`, senderId: `acct-${contact.id}`, text: "", receivedAt: new Date(), tap: { taskId: arrivalCard(posting).taskId, key: "arrived", selections: [] } });
    }
  }

  /** What people do during the programme, through chat. */
  async function events(day: string, bot: ReturnType<typeof createTestBot>): Promise<void> {
    const say = (who: string, text: string) => (bot.setNow(at(day, "12:00").toISOString()), bot.say(`acct-${ids[who]}`, text));
    if (day === "2021-06-14") await say("龙玉顺", "请假 6月15日-6月18日 休假");
    if (day === "2021-09-01") expect(await say("王院长", "会议 9月1日 第三季度对口支援工作会议 参会：王院长、李主任")).toContain("已记录会议");
    // 张灵 submits each month from the month-end card on the day it comes.
    const card = log.find((l) => l.day === day && l.kind === "month_end" && l.recipient === "张灵");
    if (card) {
      const n = await db.client.notification.findFirstOrThrow({ where: { kind: "month_end", subject: card.subject, period: day.slice(0, 7) } });
      await decideMessage(bot, { platform: "wecom", msgId: `mon-${day}`, senderId: `acct-${ids["张灵"]}`, text: "", receivedAt: new Date(), tap: { taskId: n.taskId!, key: "submit", selections: [] } });
    }
  }

  const days = (kind: string, recipient?: string, subject?: string) =>
    log.filter((l) => l.kind === kind && (!recipient || l.recipient === recipient) && (!subject || l.subject.startsWith(subject))).map((l) => l.day);

  beforeAll(async () => {
    db = await openTestDatabase();
    await importSeed(db, "yubei-2021-postings");
    Object.assign(ids, await addLeaders(db));
    for (const person of await db.client.person.findMany()) {
      ids[person.name] = person.id;
      await linkAccount(db, person.name, `acct-${person.id}`).catch(() => undefined);
    }
    for (const p of await db.client.posting.findMany({ include: { person: true } })) postingOf[p.person.name] = p.id;
    const bot = createTestBot(db, store, "2021-05-01T09:00:00+08:00");
    for (let day = "2021-05-01"; day <= "2021-10-31"; day = addDays(day, 1)) await runDay(day, bot);
  }, 600_000);
  afterAll(async () => (await store.close(), await db.close()));

  it("sends the arrival card on the first working day, daily until confirmed, and escalates once", () => {
    expect(days("arrival", "刘平春", `posting:${postingOf["张灵"]}:`)).toEqual(["2021-05-06"]);
    const huang = days("arrival", "张苏丹", `posting:${postingOf["黄程"]}:`);
    expect(huang[0]).toBe("2021-05-06"); // 5月1日–5日 are the 劳动节 holiday
    expect(huang).toContain("2021-05-08"); // a 调休 Saturday
    expect(huang).toContain("2021-10-09");
    expect(huang.filter((d) => d >= "2021-10-01" && d <= "2021-10-07")).toEqual([]);
    expect(huang.every(isWorkingDay)).toBe(true);
    expect(huang.at(-1)).toBe("2021-10-29");
    // Three working days after the first working day (5月6日 + 7日, 8日, 10日), then the leaders and the bureau, once.
    expect(log.filter((l) => l.kind === "arrival_overdue").map((l) => [l.day, l.recipient])).toEqual([
      ["2021-05-11", "王院长"], ["2021-05-11", "李主任"], ["2021-05-11", "陈局长"], ["2021-05-11", "赵科员"],
    ]);
  });

  it("nudges the silent doctor from the second working day and tells the department head after three nudges, once", () => {
    expect(days("nudge", "黄程").slice(0, 3)).toEqual(["2021-05-07", "2021-05-08", "2021-05-10"]);
    expect(days("nudge", "黄程").every(isWorkingDay)).toBe(true);
    expect(log.filter((l) => l.kind === "silence").map((l) => [l.day, l.recipient])).toEqual([["2021-05-10", "李主任"]]);
    expect(days("nudge", "张灵")).toEqual([]);
    expect(days("nudge", "龙玉顺")).toEqual([]); // on leave 6月15日–18日, reporting otherwise
  });

  it("sends the month-end card three days before month end and the overdue card on the 1st to those who did not submit", () => {
    expect([...new Set(days("month_end"))]).toEqual(["2021-05-28", "2021-06-27", "2021-07-28", "2021-08-28", "2021-09-27", "2021-10-28"]);
    expect(days("month_end").filter((d) => d === "2021-05-28")).toHaveLength(11);
    expect([...new Set(days("month_end_overdue"))]).toEqual(["2021-06-01", "2021-07-01", "2021-08-01", "2021-09-01", "2021-10-01"]);
    expect(days("month_end_overdue", "张灵")).toEqual([]);
    expect(days("month_end_overdue").filter((d) => d === "2021-06-01")).toHaveLength(10);
  });

  it("holds what falls on a weekend or holiday to the next working morning", async () => {
    // 6月27日 is a Sunday: the month-end cards went out on Monday at 08:00.
    const june = await db.client.notification.findFirstOrThrow({ where: { kind: "month_end", period: "2021-06", subject: `posting:${postingOf["黄程"]}` } });
    expect(june.dueAt).toEqual(at("2021-06-28", "08:00"));
    expect(june.sentAt).toEqual(at("2021-06-28", "08:00"));
    // The September overdue card is written on 10月1日 (国庆) and sent on 10月8日.
    const sept = await db.client.notification.findFirstOrThrow({ where: { kind: "month_end_overdue", period: "2021-09", subject: `posting:${postingOf["黄程"]}` } });
    expect(sept.sentAt).toEqual(at("2021-10-08", "08:00"));
  });

  it("reminds about the quarterly meeting three weeks before quarter end unless one is logged", () => {
    const meetings = log.filter((l) => l.kind === "meeting_due");
    expect(meetings.filter((l) => l.recipient !== "赵科员").map((l) => [l.day, l.recipient])).toEqual([["2021-06-09", "王院长"], ["2021-06-09", "李主任"]]);
    // 渝北区人民医院 and 重医大附三院 have no leader registered: their reminders go to the admin, each
    // quarter none is logged, rather than to nobody.
    expect(meetings.filter((l) => l.recipient === "赵科员").map((l) => l.day)).toEqual(["2021-06-09", "2021-06-09", "2021-09-09", "2021-09-09"]);
  });

  it("reminds department heads of the half-year's supervision visit with 30 days left", () => {
    const visits = log.filter((l) => l.kind === "visit_due");
    expect([...new Set(visits.map((v) => `${v.day} ${v.recipient}`))].sort()).toEqual(["2021-05-31 王院长", "2021-05-31 李主任", "2021-05-31 赵科员"].sort());
    // 李主任 heads 针灸科: the visit due at 泥溪镇 (黄程, 针灸科). 江口镇's 妇产科 and 人和街道's 呼吸内科 have no head
    // registered, so the hospital's leader hears of them, not another department's head.
    expect(visits.filter((v) => v.recipient === "李主任")).toHaveLength(1);
    expect(visits.filter((v) => v.recipient === "王院长")).toHaveLength(2);
    // Each hospital answers for its own visits; the two with nobody registered reach the admin: 渝北区人民医院's
    // two clinics, and 重医大附三院's five clinics with six departments (故陵镇 has 内分泌 and 儿科).
    expect(visits.filter((v) => v.recipient === "赵科员")).toHaveLength(8);
  });

  it("reminds the admins of quarterly statistics a week before they are due, and doctors of the assessment 14 days before the end", () => {
    expect(days("stats_due")).toEqual(["2021-06-28", "2021-09-28"]);
    expect(new Set(days("assessment"))).toEqual(new Set(["2021-10-17"]));
    expect(days("assessment")).toHaveLength(11);
  });

  it("sends each leader one digest a week, on Mondays, naming who did not report", async () => {
    const mondays = days("digest", "王院长");
    expect(mondays).toHaveLength(26);
    expect(mondays.every((d) => dayjs.utc(d).day() === 1)).toBe(true);
    expect(days("digest", "赵科员")).toEqual([]); // admins get statistics reminders, not the digest
    const digest = await db.client.notification.findFirstOrThrow({ where: { kind: "digest", subject: `person:${ids["李主任"]}`, period: "2021-06-21" } });
    const { card, chart } = (digest.payload as { message: { card: Card; chart?: BarChart } }).message;
    expect(card.title).toBe("对口支援周报");
    expect(card.desc).toContain("渝北区中医院 针灸科");
    expect(card.lines).toContainEqual({ key: "本周未报送", value: "黄程" });
    expect(card.fallback).toContain("本周未报送：黄程");
    expect(card.fallback).not.toContain("张灵");
    expect(card.taskId).toMatch(/^dig_\d+_20210621_[0-9a-f]{12}$/);
    // 黄程 is the department's only doctor and reports nothing: no bars to draw.
    expect(chart).toBeUndefined();
    const hospital = await db.client.notification.findFirstOrThrow({ where: { kind: "digest", subject: `person:${ids["王院长"]}`, period: "2021-06-21" } });
    const drawn = (hospital.payload as { message: { chart?: BarChart } }).message.chart!;
    expect(drawn.categories).toEqual(["查房"]);
    expect(drawn.series.map((s) => s.name)).toEqual(["本周", "上周"]);
    expect(drawn.series[0].data[0]).toBeGreaterThan(0);
  });

  it("never sends a reminder twice, and never one whose thing was done", async () => {
    const keys = deliveries.map((d) => JSON.stringify(d));
    expect(new Set(keys).size).toBe(keys.length);
    const sent = await db.client.notification.count({ where: { sentAt: { not: null } } });
    expect(deliveries.length).toBe(sent);
    expect(cronOf(SWEEPS.find((j) => j.name === "nudge")!)).toBe("35 17 * * *");
  });

  it("sends nothing in the :00 and :30 minutes, which WeCom asks senders to avoid (doc 90236)", () => {
    for (const job of JOBS) {
      const minutes = cronOf(job).split(" ")[0];
      const runsIn = (m: number) => minutes.split(",").some((part) => {
        const [from, to = from] = part.split("-");
        return from === "*" || (m >= Number(from) && m <= Number(to));
      });
      expect([job.name, runsIn(0) || runsIn(30)]).toEqual([job.name, false]);
    }
  });
});
