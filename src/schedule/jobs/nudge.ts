// The daily nudge (17:30 on working days) to a doctor with no report for N working days, skipping
// leave, paused reminders and a part-time doctor's days off; after M nudges the department head hears.
import { nudgeCard } from "../../cards/build.js";
import { addDays, dayjs, dbDate, fromDbDate, isoWeekday, localDate, type LocalDate } from "../../infra/time.js";
import { createRenderer } from "../../templates.js";
import { isWorkingDay, workingDaysBetween } from "../calendar.js";
import type { Job, JobContext } from "../job.js";
import { leadersOf } from "../people.js";
import { idIn, runningPostings, type RunningPosting } from "./scope.js";

const say = createRenderer("reminders");

async function isAway(ctx: JobContext, p: RunningPosting): Promise<boolean> {
  if (p.mode === "part_time" && p.scheduledWeekdays.length > 0 && !p.scheduledWeekdays.includes(isoWeekday(ctx.today))) return true;
  if (p.person.remindersPausedUntil && p.person.remindersPausedUntil > ctx.at) return true;
  const leave = await ctx.deps.prisma.leave.count({ where: { personId: p.personId, startDate: { lte: dbDate(ctx.today) }, endDate: { gte: dbDate(ctx.today) } } });
  return leave > 0;
}

/** The last day of the doctor's most recent leave before today: leave days are not silent days. */
async function lastLeaveDay(ctx: JobContext, personId: number): Promise<LocalDate | null> {
  const leave = await ctx.deps.prisma.leave.findFirst({ where: { personId, endDate: { lt: dbDate(ctx.today) } }, orderBy: { endDate: "desc" }, select: { endDate: true } });
  return leave ? fromDbDate(leave.endDate) : null;
}

/** The last day the doctor sent a report (by when it was sent, so a back-dated report counts today). */
async function lastReportDay(ctx: JobContext, personId: number): Promise<LocalDate | null> {
  const last = await ctx.deps.prisma.workloadEntry.findFirst({ where: { personId, revokedAt: null }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  return last ? localDate(last.createdAt, ctx.deps.tz) : null;
}

async function escalateSilence(ctx: JobContext, p: RunningPosting, since: LocalDate, days: number): Promise<void> {
  const nudges = await ctx.deps.prisma.notification.count({ where: { kind: "nudge", subject: `person:${p.personId}`, period: { gt: since }, cancelledAt: null } });
  if (nudges < ctx.deps.settings.nudgeEscalateAfter) return;
  const text = say("silence", { doctor: p.person.name, recipient: p.recipientOrg.name, days, nudges });
  for (const to of await leadersOf(ctx.deps.prisma, p.supportingOrgId, p.person.department)) {
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
    const seen = new Set<number>();
    for (const p of await runningPostings(ctx.deps.prisma, ctx.today)) {
      if (seen.has(p.personId) || (await isAway(ctx, p))) continue;
      seen.add(p.personId);
      const last = await lastReportDay(ctx, p.personId);
      const since = [last ?? addDays(fromDbDate(p.startDate!), -1), await lastLeaveDay(ctx, p.personId)].reduce((a, b) => (b && b > a! ? b : a))!;
      const days = workingDaysBetween(since, ctx.today);
      if (days < ctx.deps.settings.nudgeAfterWorkingDays) continue;
      const to = { id: p.personId, name: p.person.name };
      await ctx.emit({ kind: "nudge", subject: `person:${p.personId}`, period: ctx.today, to, message: { card: nudgeCard({ personId: p.personId, name: p.person.name, days, lastReport: last }) } });
      await escalateSilence(ctx, p, since, days);
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
