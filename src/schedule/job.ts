// A job is a sweep: at a time of day it asks the database what is due and not done, and writes a
// reminder for each. Running it twice, late, or on two instances writes each reminder once.
import type { DbClient } from "../infra/db.js";
import type { Logger } from "../infra/logger.js";
import type { Store } from "../infra/store.js";
import { localDate, type LocalDate } from "../infra/time.js";
import { nextSendable, type QuietHours } from "./calendar.js";
import { unwritten, writeOutgoing, type Deliver, type Emitted, type Outgoing, type StillDue } from "./outbox.js";

export type ScheduleSettings = {
  nudgeAfterWorkingDays: number;
  nudgeEscalateAfter: number;
  arrivalDeadlineDays: number;
  snoozeMinutes: number;
  /** Inbound messages older than this many days are pruned (jobs/upkeep.ts). */
  retentionDays: number;
};

export type ScheduleDeps = {
  db: DbClient;
  store: Store;
  log: Logger;
  tz: string;
  quiet: QuietHours;
  settings: ScheduleSettings;
  deliver: Deliver;
};

export type JobContext = {
  deps: ScheduleDeps;
  at: Date;
  today: LocalDate;
  /** Queues a reminder; the run writes the queue in batches (a dry run only reports the new ones). */
  emit(o: Outgoing): Promise<void>;
};

export type Job = {
  name: string;
  /** Local time of day it runs ("09:00"), or every minute; the digest only on one ISO weekday. */
  time: string | "every_minute";
  weekday?: number;
  run(ctx: JobContext): Promise<void>;
  /** Checked again just before a held or snoozed reminder of these kinds goes out. */
  stillDue?: Record<string, StillDue>;
};

export function createJobContext(deps: ScheduleDeps, at: Date): JobContext & { flush(dryRun: boolean): Promise<Emitted[]> } {
  const queue: Outgoing[] = [];
  return {
    deps, at, today: localDate(at, deps.tz),
    emit: async (o) => void queue.push(o),
    async flush(dryRun) {
      const fresh = dryRun ? await unwritten(deps.db, queue) : await writeOutgoing(deps, queue, at);
      queue.length = 0;
      const dueAt = nextSendable(at, deps.tz, deps.quiet);
      return fresh.map((o) => ({ kind: o.kind, recipient: o.to.name, subject: o.subject, dueAt, ...(o.instead ? { instead: o.instead } : {}) }));
    },
  };
}

/**
 * WeCom asks senders to keep off the :00 and :30 minutes, when most apps push and delivery slows (doc
 * 90236: "大部分企业应用在每小时的0分或30分触发推送消息，容易造成资源挤占，从而投递不够及时，建议尽量避开"). So
 * the sweeps run a few minutes apart after the hour, and the outbox, which sends what is held or retried,
 * skips those two minutes.
 */
export const OUTBOX_CRON = "1-29,31-59 * * * *";

export function cronOf(job: Pick<Job, "time" | "weekday">): string {
  if (job.time === "every_minute") return OUTBOX_CRON;
  const [h, m] = job.time.split(":").map(Number);
  return `${m} ${h} * * ${job.weekday === undefined ? "*" : job.weekday % 7}`;
}
