// Every scheduled job, and how one run of a job happens: a slot lock in the shared store (left to
// expire, so a second instance skips the slot), the sweep, then the sending of what is due.
import type { Job, ScheduleDeps } from "./job.js";
import { createJobContext } from "./job.js";
import { sendDue, type Emitted, type StillDue } from "./outbox.js";
import { arrivalJob } from "./jobs/arrival.js";
import { assessmentJob } from "./jobs/assessment.js";
import { digestJob } from "./jobs/digest.js";
import { meetingJob, statsJob, visitJob } from "./jobs/meetings.js";
import { monthEndJob } from "./jobs/month-end.js";
import { nudgeJob } from "./jobs/nudge.js";
import { filingOverdueJob, reportJob } from "./jobs/reports.js";
import { trainingJob } from "./jobs/training.js";
import { rulesJob } from "./jobs/rules.js";
import { endPostingsJob, retentionJob } from "./jobs/upkeep.js";

/** Sends reminders held over quiet hours and holidays, snoozed ones, and retries. */
export const outboxJob: Job = { name: "outbox", time: "every_minute", run: async () => undefined };

export const SWEEPS: readonly Job[] = [arrivalJob, nudgeJob, monthEndJob, assessmentJob, meetingJob, visitJob, statsJob, reportJob, filingOverdueJob, trainingJob, rulesJob, digestJob, endPostingsJob, retentionJob];
export const JOBS: readonly Job[] = [...SWEEPS, outboxJob];
export const STILL_DUE: Record<string, StillDue> = Object.assign({}, ...JOBS.map((j) => j.stillDue ?? {}));

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}

/** A slot lock outlives any clock skew between instances and any run. */
const SLOT_TTL_MS = 36 * 3600_000;

export type JobRun = { ran: boolean; emitted: Emitted[]; sent: number; cancelled: number };

export async function runJob(deps: ScheduleDeps, job: Job, at: Date, o: { dryRun?: boolean; slot?: string } = {}): Promise<JobRun> {
  if (!o.dryRun && o.slot && !(await deps.store.claimOnce(`job:${job.name}:${o.slot}`, SLOT_TTL_MS))) {
    return { ran: false, emitted: [], sent: 0, cancelled: 0 };
  }
  const ctx = createJobContext(deps, at);
  await job.run(ctx);
  const emitted = await ctx.flush(o.dryRun ?? false);
  if (o.dryRun) return { ran: true, emitted, sent: 0, cancelled: 0 };
  const { sent, cancelled } = await sendDue(deps, at, STILL_DUE);
  return { ran: true, emitted, sent, cancelled };
}
