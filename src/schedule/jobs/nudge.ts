// The daily nudge (17:30 on working days) to a doctor with no report for N working days, skipping
// leave, paused reminders and a part-time doctor's days off; after M nudges the department head hears.
import { nudgeCard } from "../../cards/build.js";
import { addDays, dayjs, dbDate, fromDbDate, isoWeekday, localDate, type LocalDate } from "../../infra/time.js";
import { createRenderer } from "../../templates.js";
import { isWorkingDay, workingDaysBetween } from "../calendar.js";
import type { Job, JobContext } from "../job.js";
import { leadersOf, type Recipient } from "../people.js";
import { idIn, runningPostings, type RunningPosting } from "./scope.js";

const say = createRenderer("reminders");

type Known = { lastReport: Map<number, LocalDate>; leaves: Map<number, { from: LocalDate; to: LocalDate }[]> };

/** Everyone's last report day (by when it was sent, so a back-dated report counts today) and leaves, in two queries. */
async function loadKnown(ctx: JobContext, personIds: number[]): Promise<Known> {
  const reports = await ctx.deps.prisma.workloadEntry.groupBy({ by: ["personId"], where: { personId: { in: personIds }, revokedAt: null }, _max: { createdAt: true } });
  const leaves = await ctx.deps.prisma.leave.findMany({ where: { personId: { in: personIds }, startDate: { lte: dbDate(ctx.today) } }, select: { personId: true, startDate: true, endDate: true } });
  const byPerson = new Map<number, { from: LocalDate; to: LocalDate }[]>();
  for (const l of leaves) byPerson.set(l.personId, [...(byPerson.get(l.personId) ?? []), { from: fromDbDate(l.startDate), to: fromDbDate(l.endDate) }]);
  return {
    lastReport: new Map(reports.filter((r) => r._max.createdAt).map((r) => [r.personId, localDate(r._max.createdAt!, ctx.deps.tz)])),
    leaves: byPerson,
  };
}

function isAway(ctx: JobContext, p: RunningPosting, known: Known): boolean {
  if (p.mode === "part_time" && p.scheduledWeekdays.length > 0 && !p.scheduledWeekdays.includes(isoWeekday(ctx.today))) return true;
  if (p.person.remindersPausedUntil && p.person.remindersPausedUntil > ctx.at) return true;
  return (known.leaves.get(p.personId) ?? []).some((l) => l.from <= ctx.today && l.to >= ctx.today);
}

/** Silence starts after the last report, or after the last leave: leave days are not silent days. */
function silentSince(ctx: JobContext, p: RunningPosting, known: Known): LocalDate {
  const candidates = [known.lastReport.get(p.personId) ?? addDays(fromDbDate(p.startDate!), -1), ...(known.leaves.get(p.personId) ?? []).map((l) => l.to).filter((d) => d < ctx.today)];
  return candidates.reduce((a, b) => (b > a ? b : a));
}

type Leaders = (p: RunningPosting) => Promise<Recipient[]>;

async function escalateSilence(ctx: JobContext, p: RunningPosting, since: LocalDate, days: number, leaders: Leaders): Promise<void> {
  const heads = await leaders(p);
  if (heads.length === 0) return;
  // Earlier nudges of this silence, and today's (written when the run ends).
  const earlier = await ctx.deps.prisma.notification.count({ where: { kind: "nudge", subject: `person:${p.personId}`, period: { gt: since, lt: ctx.today }, cancelledAt: null } });
  const nudges = earlier + 1;
  if (nudges < ctx.deps.settings.nudgeEscalateAfter) return;
  const text = say("silence", { doctor: p.person.name, recipient: p.recipientOrg.name, days, nudges });
  for (const to of heads) {
    // One escalation per silence: the period is the day the silence began.
    await ctx.emit({ kind: "silence", subject: `person:${p.personId}:to:${to.id}`, period: since, to, message: { text } });
  }
}

export const nudgeJob: Job = {
  name: "nudge",
  time: "17:30",
  describe: "未报送提醒（工作日 17:30），多次未报送告知科室主任",
  async run(ctx) {
    if (!isWorkingDay(ctx.today)) return;
    const postings = await runningPostings(ctx.deps.prisma, ctx.today);
    const known = await loadKnown(ctx, [...new Set(postings.map((p) => p.personId))]);
    const { nudgeAfterWorkingDays, nudgeEscalateAfter } = ctx.deps.settings;
    // Many doctors share a hospital and department: their heads are looked up once.
    const cache = new Map<string, Promise<Recipient[]>>();
    const leaders: Leaders = (p) => {
      const key = `${p.supportingOrgId}:${p.person.department ?? ""}`;
      if (!cache.has(key)) cache.set(key, leadersOf(ctx.deps.prisma, p.supportingOrgId, p.person.department));
      return cache.get(key)!;
    };
    const seen = new Set<number>();
    for (const p of postings) {
      if (seen.has(p.personId) || isAway(ctx, p, known)) continue;
      seen.add(p.personId);
      const since = silentSince(ctx, p, known);
      const days = workingDaysBetween(since, ctx.today);
      if (days < nudgeAfterWorkingDays) continue;
      const to = { id: p.personId, name: p.person.name };
      const lastReport = known.lastReport.get(p.personId) ?? null;
      await ctx.emit({ kind: "nudge", subject: `person:${p.personId}`, period: ctx.today, to, message: { card: nudgeCard({ personId: p.personId, name: p.person.name, days, lastReport }) } });
      // Each nudge takes a working day: fewer silent days than this cannot have reached the threshold.
      if (days >= nudgeAfterWorkingDays + nudgeEscalateAfter - 1) await escalateSilence(ctx, p, since, days, leaders);
    }
  },
  stillDue: {
    // Stops the moment the doctor reports: nothing sent on or after the nudge's day.
    nudge: async (db, n, tz) => {
      const start = dayjs.tz(n.period, tz).toDate();
      return (await db.workloadEntry.count({ where: { personId: idIn(n.subject, "person"), revokedAt: null, createdAt: { gte: start } } })) === 0;
    },
  },
};
