// The daily nudge (17:30 on working days) to a doctor with no report for N working days, skipping
// leave, paused reminders and a part-time doctor's days off; after M nudges the department head hears.
import { nudgeCard } from "../../cards/build.js";
import { addDays, dayjs, fromDbDate, isoWeekday, type LocalDate } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { isWorkingDay, workingDaysBetween } from "../calendar.js";
import type { Job, JobContext } from "../job.js";
import { listLeaders, type Recipient } from "../../services/people/find-leaders.js";
import { headsFor, type Leader } from "../../domain/leaders.js";
import { findRunningPostings, type RunningPosting } from "../../services/postings/find-running-postings.js";
import { findReportHistory, type ReportHistory } from "../../services/workload/find-report-history.js";
import { countNudges } from "../../services/notifications/count-nudges.js";
import { hasReportedSince } from "../../services/workload/has-reported-since.js";
import { idIn } from "../subject.js";

const say = createRenderer("reminders");

type Known = ReportHistory;

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

type Silence = { p: RunningPosting; since: LocalDate; days: number };

/** After three nudges of one silence, the doctor's department head (or the hospital's leaders) hears it, once. */
async function escalateSilences(ctx: JobContext, silences: Silence[], leaders: Leaders): Promise<void> {
  // Earlier nudges of each silence (one query for all), and today's (written when the run ends).
  const earlier = await countNudges(ctx.deps.db, { since: new Map(silences.map((s) => [s.p.personId, s.since])), today: ctx.today });
  for (const { p, since, days } of silences) {
    const nudges = (earlier.get(p.personId) ?? 0) + 1;
    if (nudges < ctx.deps.settings.nudgeEscalateAfter) continue;
    const text = say("silence", { doctor: p.person.name, recipient: p.recipientOrg.name, days, nudges });
    // One escalation per silence: the period is the day the silence began.
    for (const to of await leaders(p)) await ctx.emit({ kind: "silence", subject: `person:${p.personId}:to:${to.id}`, period: since, to, message: { text } });
  }
}

export const nudgeJob: Job = {
  name: "nudge",
  time: "17:35",
  async run(ctx) {
    if (!isWorkingDay(ctx.today)) return;
    const postings = await findRunningPostings(ctx.deps.db, { from: ctx.today });
    const known = await findReportHistory(ctx.deps.db, { personIds: [...new Set(postings.map((p) => p.personId))], today: ctx.today, tz: ctx.deps.tz });
    const { nudgeAfterWorkingDays, nudgeEscalateAfter } = ctx.deps.settings;
    // Many doctors share a hospital: its leaders are read once, and each department's heads picked from them.
    const cache = new Map<number, Promise<Leader[]>>();
    const leaders: Leaders = async (p) => {
      if (!cache.has(p.supportingOrgId)) cache.set(p.supportingOrgId, listLeaders(ctx.deps.db, p.supportingOrgId));
      return headsFor(await cache.get(p.supportingOrgId)!, p.person.department);
    };
    const seen = new Set<number>();
    const silences: Silence[] = [];
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
      if (days >= nudgeAfterWorkingDays + nudgeEscalateAfter - 1) silences.push({ p, since, days });
    }
    await escalateSilences(ctx, silences, leaders);
  },
  stillDue: {
    // Stops the moment the doctor reports: nothing sent on or after the nudge's day.
    nudge: async (db, n, tz) => {
      return !(await hasReportedSince(db, idIn(n.subject, "person"), dayjs.tz(n.period, tz).toDate()));
    },
  },
};
