// The weekly digest (Monday 09:00) to each leader, over what they lead: a supporting hospital (or its
// department), a clinic, or a bureau's region. Figures from services/digest-figures, words from templates.
import { groupBy } from "../../infra/collections.js";
import type { WeeksMet } from "../../services/targets/measure-weeks-met.js";
import type { Prisma } from "../../infra/records.js";
import type { Db } from "../../infra/db.js";
import { addDays, dayjs, type LocalDate } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { formatDay, formatNames, formatQuantity, formatTotals, joinList } from "../../templates/phrases.js";
import { getMetric, METRICS } from "../../domain/metrics.js";
import type { BarChart } from "../../charts/bar-chart.js";
import { digestCard, type Digest as DigestText } from "../../cards/build.js";
import type { Totals } from "../../domain/quantity.js";
import type { Job } from "../job.js";
import { meetingsDue } from "./meetings.js";
import { postingScope } from "../../services/where.js";
import { digestFigures } from "../../services/workload/digest-figures.js";
import { findDigestLeaders, type Leader } from "../../services/people/find-digest-leaders.js";

const say = createRenderer("reminders");
const MAX_NAMES = 15;
// Bars beyond eight are unreadable on a phone.
const MAX_BARS = 8;

export function scopeOf(leader: Leader): { where: Prisma.PostingWhereInput; label: string } {
  const org = leader.organization;
  const department = org.kind === "supporting" ? leader.department : null;
  return { where: postingScope(org, department), label: department ? say("digest.scope.department", { org: org.name, department }) : org.name };
}

const names = (list: string[]) => (list.length === 0 ? say("digest.none") : formatNames(list, MAX_NAMES));
const totalsOrNone = (t: Totals) => formatTotals(t) || say("digest.none");

/** Each doctor's weekly minimums, those with the most weeks missed first. */
function weeklyItems(list: WeeksMet[]): string[] {
  const byPosting = [...groupBy(list, (w) => w.postingId).values()].sort((a, b) => missed(b) - missed(a));
  return byPosting.map((ws) => say("digest.weekly.item", { name: ws[0].personName, items: ws.map((w) => say("digest.weekly.metric", { metric: getMetric(w.metric).short, met: w.met, judged: w.judged })).join(say("digest.weekly.sep")) }));
}
const missed = (ws: WeeksMet[]) => ws.reduce((n, w) => n + w.judged - w.met, 0);

/** A leader's week: the heading, one label and value per line, and the figures the chart draws. */
export type Digest = DigestText & { scope: string; week: Totals; lastWeek: Totals };

export async function buildDigest(db: Db, leader: Leader, today: LocalDate, tz: string): Promise<Digest | undefined> {
  const { where, label } = scopeOf(leader);
  const f = await digestFigures(db, { scope: where, today, tz });
  if (!f) return undefined;
  const overdue: string[] = [];
  // Only hospitals whose programme asks for meetings are overdue on one (科左中旗 and 中站 ask for none).
  const due = await meetingsDue(db, f.meetingHosts, today);
  for (const [orgId, host] of f.meetingHosts) if (due.has(orgId)) overdue.push(say("digest.meeting", { org: host.name }));
  const behind = f.behind.map((b) => say("digest.behind.item", { name: b.name, metric: getMetric(b.metric).short, done: formatQuantity(b.done), minimum: b.minimum }));
  const line = (key: string, value: string | number) => ({ key: say(`digest.${key}`), value: String(value) });
  const lines = [
    line("week", totalsOrNone(f.week)),
    line("programme", totalsOrNone(f.all)),
    line("silent", names(f.silent)),
    line("behind", names(behind)),
    line("leave", names(f.onLeave)),
    line("unapproved", names(f.unapproved)),
    line("late", say("digest.late.count", { count: f.late })),
    line("arrivals", names(f.pendingArrival)),
    line("overdue", names(overdue)),
  ];
  if (f.clinicGoals.length > 0) lines.push(line("clinic_goals", f.clinicGoals.map((g) => say("digest.clinic_goal", { clinic: g.clinic, metric: getMetric(g.metric).short, done: formatQuantity(g.done), minimum: g.minimum, from: formatDay(g.from), to: formatDay(g.to) })).join(say("digest.clinic_goal.sep"))));
  if (f.weeksMet.length > 0) lines.push(line("weekly", names(weeklyItems(f.weeksMet))));
  if (f.meetings.length > 0) lines.push(line("logged", joinList(f.meetings.map((m) => say("digest.logged.item", { day: formatDay(m.day), title: m.title })))));
  const header = say("digest.header", { scope: label, from: formatDay(addDays(today, -7)), to: formatDay(addDays(today, -1)) });
  return { scope: label, header, lines, week: f.week, lastWeek: f.lastWeek };
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
  time: "09:09",
  weekday: 1,
  async run(ctx) {
    // The digest covers the seven days before this week's Monday; a server down on Monday sends it on
    // its next run that week, once (the period is the Monday).
    const monday = dayjs.utc(ctx.today).subtract((dayjs.utc(ctx.today).day() + 6) % 7, "day").format("YYYY-MM-DD");
    for (const leader of await findDigestLeaders(ctx.deps.db, monday)) {
      const digest = await buildDigest(ctx.deps.db, leader, monday, ctx.deps.tz);
      if (!digest) continue;
      const message = { card: digestCard(digest, leader.id, monday), chart: digestChart(digest) };
      await ctx.emit({ kind: "digest", subject: `person:${leader.id}`, period: monday, to: leader, message });
    }
  },
};
