// node-cron in local time drives the sweeps. node-cron's noOverlap only covers this process: the slot
// lock in runJob covers the other instances. At start, each daily job whose time has passed today runs
// once, so a server that was down at 09:00 catches up the same day.
import cron from "node-cron";
import { dayjs } from "../infra/time.js";
import { cronOf, type Job, type ScheduleDeps } from "./job.js";
import { JOBS, runJob } from "./registry.js";

export type Scheduler = { stop(): Promise<void> };

export function startScheduler(deps: ScheduleDeps, o: { jobs?: readonly Job[] } = {}): Scheduler {
  const running = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => (running.add(work), void work.finally(() => running.delete(work)));
  const run = (job: Job, at: Date, slot: string) => track(
    runJob(deps, job, at, { slot })
      .then((r) => r.ran && (r.emitted.length > 0 || r.sent > 0) && deps.log.info({ job: job.name, slot, written: r.emitted.length, sent: r.sent, cancelled: r.cancelled }, "job ran"))
      .catch((error) => deps.log.error({ err: error, job: job.name, slot }, "job failed")),
  );
  const jobs = o.jobs ?? JOBS;
  const tasks = jobs.map((job) => cron.schedule(cronOf(job), (c) => run(job, c.date, dayjs(c.date).tz(deps.tz).format("YYYY-MM-DDTHH:mm")), { timezone: deps.tz, name: job.name, noOverlap: true }));
  const now = new Date();
  const local = dayjs(now).tz(deps.tz);
  for (const job of jobs) {
    if (job.time === "every_minute" || local.format("HH:mm") < job.time) continue;
    run(job, now, `catchup:${local.format("YYYY-MM-DD")}`);
  }
  return {
    async stop() {
      for (const task of tasks) await task.destroy();
      await Promise.allSettled([...running]);
    },
  };
}
