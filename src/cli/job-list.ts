// jobs list: the jobs, their cron times and what each does; needs no database.
import { cronOf } from "../schedule/job.js";
import { JOBS } from "../schedule/registry.js";

export function printJobList(): number {
  for (const job of JOBS) console.log(`${job.name}\t${cronOf(job)}\t${job.describe}`);
  return 0;
}
