// jobs list: the jobs, their cron times and what each does (templates/cli.json job.<name>); needs no database.
import { cronOf } from "../schedule/job.js";
import { JOBS } from "../schedule/registry.js";
import { createRenderer } from "../templates/render.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");

export function printJobList(io: Pick<CliIo, "out">): number {
  for (const job of JOBS) io.out([job.name, cronOf(job), say(`job.${job.name}`)].join("\t"));
  return 0;
}
