// The weekly digest (Monday 09:00) to each leader, over what they lead: a supporting hospital (or its
// department), a clinic, or a bureau's region. Built with grouped queries over the scope, not per posting.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../infra/db.js";
import { addDays, dayjs, dbDate, fromDbDate, type LocalDate } from "../../infra/time.js";
import { createRenderer } from "../../templates.js";
import { formatDay, formatQuantity, formatTotals } from "../../bot/format.js";
import { getMetric, METRICS } from "../../domain/metrics.js";
import type { BarChart } from "../../charts/bar-chart.js";
import { digestCard } from "../../cards/build.js";
import type { Totals } from "../../services/workload.js";
import { periodWindow } from "../../services/targets.js";
import { round } from "../../services/workload.js";
import type { Job } from "../job.js";
import { isMeetingDue } from "./meetings.js";
import { postingScope, type ScopeOrg } from "../../services/scope.js";
import { groupBy } from "../../infra/collections.js";
import { inForceDuring } from "../../services/postings.js";

const say = createRenderer("reminders");
const MAX_NAMES = 15;
// Bars beyond eight are unreadable on a phone.
const MAX_BARS = 8;

type Leader = { id: number; name: string; department: string | null; organization: ScopeOrg };

export function scopeOf(leader: Leader): { where: Prisma.PostingWhereInput; label: string } {
  const org = leader.organization;
  const department = org.kind === "supporting" ? leader.department : null;
  return { where: postingScope(org, department), label: department ? `${org.name} ${department}` : org.name };
}

const names = (list: string[]) => (list.length === 0 ? say("digest.none") : list.slice(0, MAX_NAMES).join("、") + (list.length > MAX_NAMES ? ` 等 ${list.length} 人` : ""));

async function totals(db: Db, where: Prisma.WorkloadEntryWhereInput) {
  const rows = await db.workloadEntry.groupBy({ by: ["metric"], where: { revokedAt: null, ...where }, _sum: { quantity: true } });
  return new Map(rows.map((r) => [r.metric, round(r._sum.quantity ?? 0)]));
}

/** Doctors behind a programme target, pro-rated to the part of the target's window already past. */
async function behindTargets(db: Db, postings: { id: number; personId: number; programmeId: number; startDate: Date | null; endDate: Date | null; person: { name: string } }[], today: LocalDate): Promise<string[]> {
  const behind: string[] = [];
  const byProgramme = groupBy(postings, (p) => p.programmeId);
  for (const [programmeId, list] of byProgramme) {
    const targets = await db.target.findMany({ where: { programmeId, postingId: null } });
    for (const t of targets) {
      // Postings sharing a window are measured in one grouped query.
      const windows = groupBy(list, (p) => JSON.stringify(periodWindow(t.period, today, p.startDate ? fromDbDate(p.startDate) : null, p.endDate ? fromDbDate(p.endDate) : null)));
      for (const [key, group] of windows) {
        const w = JSON.parse(key) as { from: LocalDate; to: LocalDate };
        const length = dayjs.utc(w.to).diff(dayjs.utc(w.from), "day") + 1;
        const elapsed = Math.min(length, dayjs.utc(today).diff(dayjs.utc(w.from), "day") + 1);
        const expected = (t.minimum * elapsed) / length;
        const done = await db.workloadEntry.groupBy({
          by: ["personId"], where: { postingId: { in: group.map((p) => p.id) }, metric: t.metric, revokedAt: null, occurredOn: { gte: dbDate(w.from), lte: dbDate(w.to) } }, _sum: { quantity: true },
        });
        const doneBy = new Map(done.map((d) => [d.personId, d._sum.quantity ?? 0]));
        for (const p of group) {
          const d = doneBy.get(p.personId) ?? 0;
          if (d < Math.floor(expected)) behind.push(`${p.person.name}（${getMetric(t.metric).short} ${formatQuantity(d)}/${t.minimum}）`);
        }
      }
    }
  }
  return behind;
}

/** A leader's week: the heading, one line per item ("本周合计：…"), and the figures the chart draws. */
export type Digest = { scope: string; header: string; lines: string[]; week: Totals; lastWeek: Totals };

export async function buildDigest(db: Db, leader: Leader, today: LocalDate, tz: string): Promise<Digest | undefined> {
  const { where, label } = scopeOf(leader);
  const from = addDays(today, -7);
  const to = addDays(today, -1);
  const running = await db.posting.findMany({
    where: { ...where, status: { in: ["planned", "arrived"] }, ...inForceDuring(from, to) },
    select: {
      id: true, personId: true, programmeId: true, status: true, startDate: true, endDate: true, supportingOrgId: true,
      person: { select: { name: true } }, supportingOrg: { select: { name: true } },
    },
  });
  if (running.length === 0) return undefined;
  const scoped = { posting: where };
  const weekStart = dayjs.tz(from, tz).toDate();
  const week = await totals(db, { ...scoped, occurredOn: { gte: dbDate(from), lte: dbDate(to) } });
  const lastWeek = await totals(db, { ...scoped, occurredOn: { gte: dbDate(addDays(from, -7)), lte: dbDate(addDays(to, -7)) } });
  const all = await totals(db, scoped);
  const reporters = new Set((await db.workloadEntry.groupBy({ by: ["personId"], where: { ...scoped, revokedAt: null, createdAt: { gte: weekStart } } })).map((r) => r.personId));
  const onLeave = await db.leave.findMany({ where: { personId: { in: running.map((p) => p.personId) }, startDate: { lte: dbDate(to) }, endDate: { gte: dbDate(from) } }, select: { personId: true, person: { select: { name: true } } } });
  const leaveIds = new Set(onLeave.map((l) => l.personId));
  const silent = [...new Set(running.filter((p) => !reporters.has(p.personId) && !leaveIds.has(p.personId)).map((p) => p.person.name))];
  const late = await db.workloadEntry.count({ where: { ...scoped, isLateCorrection: true, createdAt: { gte: weekStart } } });
  const pending = running.filter((p) => p.status === "planned" && p.startDate && fromDbDate(p.startDate) <= today).map((p) => p.person.name);
  const overdue: string[] = [];
  for (const [orgId, org] of new Map(running.map((p) => [p.supportingOrgId, p.supportingOrg.name]))) {
    if (await isMeetingDue(db, orgId, today)) overdue.push(say("digest.meeting", { org }));
  }
  const meetings = await db.meeting.findMany({ where: { supportingOrgId: { in: [...new Set(running.map((p) => p.supportingOrgId))] }, heldOn: { gte: dbDate(from), lte: dbDate(to) } }, select: { title: true, heldOn: true } });
  const header = say("digest.header", { scope: label, from: formatDay(from), to: formatDay(to) });
  const lines = [
    say("digest.week", { totals: formatTotals(week) || say("digest.none") }),
    say("digest.programme", { totals: formatTotals(all) || say("digest.none") }),
    say("digest.silent", { names: names(silent) }),
    say("digest.behind", { items: names(await behindTargets(db, running, today)) }),
    say("digest.leave", { names: names([...new Set(onLeave.map((l) => l.person.name))]) }),
    say("digest.late", { count: late }),
    say("digest.arrivals", { names: names(pending) }),
    say("digest.overdue", { items: names(overdue) }),
  ];
  if (meetings.length > 0) lines.push(say("digest.logged", { items: meetings.map((m) => `${formatDay(fromDbDate(m.heldOn))} ${m.title}`).join("、") }));
  return { scope: label, header, lines, week, lastWeek };
}

/** This week against last, per metric either week has, counted metrics only (万元 and 其它 have no bar). */
export function digestChart(d: Digest): BarChart | undefined {
  const metrics = METRICS.filter((m) => !m.money && !m.freeText && ((d.week.get(m.key) ?? 0) > 0 || (d.lastWeek.get(m.key) ?? 0) > 0)).slice(0, MAX_BARS);
  if (metrics.length === 0) return undefined;
  return {
    title: say("digest.chart.title", { scope: d.scope }),
    categories: metrics.map((m) => m.short),
    series: [
      { name: say("digest.chart.week"), data: metrics.map((m) => d.week.get(m.key) ?? 0) },
      { name: say("digest.chart.last"), data: metrics.map((m) => d.lastWeek.get(m.key) ?? 0) },
    ],
  };
}

export const digestJob: Job = {
  name: "digest",
  time: "09:00",
  weekday: 1,
  describe: "领导周报（周一 09:00）",
  async run(ctx) {
    // The digest covers the seven days before this week's Monday; a server down on Monday sends it on
    // its next run that week, once (the period is the Monday).
    const monday = dayjs.utc(ctx.today).subtract((dayjs.utc(ctx.today).day() + 6) % 7, "day").format("YYYY-MM-DD");
    const leaders = await ctx.deps.prisma.person.findMany({
      where: { role: "leader" }, select: { id: true, name: true, department: true, organization: { select: { id: true, name: true, kind: true, region: true } } }, orderBy: { id: "asc" },
    });
    for (const leader of leaders) {
      if (await ctx.deps.prisma.notification.findUnique({ where: { kind_subject_period: { kind: "digest", subject: `person:${leader.id}`, period: monday } } })) continue;
      const digest = await buildDigest(ctx.deps.prisma, leader, monday, ctx.deps.tz);
      if (!digest) continue;
      const message = { card: digestCard(digest, leader.id, monday), chart: digestChart(digest) };
      await ctx.emit({ kind: "digest", subject: `person:${leader.id}`, period: monday, to: leader, message });
    }
  },
};
