// jobs list | jobs run <job|all> [--at ISO] [--dry-run]: one run as if at that time, through the same
// slot lock and notification log as the server; prints kind<TAB>recipient<TAB>subject<TAB>when it goes out
// (held over quiet hours and holidays) per reminder.
import { parseArgs } from "node:util";
import type { ScheduleDeps } from "../schedule/job.js";
import { printJobList } from "./job-list.js";
import { findJob, JOBS, runJob, SWEEPS } from "../schedule/registry.js";
import { dayjs } from "../infra/time.js";
import { createRenderer } from "../templates/render.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");

export async function runJobs(io: CliIo, deps: ScheduleDeps, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { at: { type: "string" }, "dry-run": { type: "boolean" } } });
  const [action, name] = positionals;
  if (action === "list") return printJobList(io);
  const jobs = name === "all" ? SWEEPS : name ? [findJob(name)].filter((j) => j !== undefined) : [];
  if (action !== "run" || jobs.length === 0) return io.err(say("jobs.usage", { names: JOBS.map((j) => j.name).join("|") })), 2;
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime())) return io.err(say("jobs.bad_time", { at: values.at ?? "" })), 2;
  // The slot is the minute asked for: re-running the same --at is a no-op, like a second instance.
  const slot = `cli:${dayjs(at).tz(deps.tz).format("YYYY-MM-DDTHH:mm")}`;
  for (const job of jobs) {
    const run = await runJob(deps, job, at, { dryRun: values["dry-run"], slot });
    for (const e of run.emitted) io.out([e.kind, e.recipient, e.subject, dayjs(e.dueAt).tz(deps.tz).format("YYYY-MM-DD HH:mm"), ...(e.instead ? [e.instead] : [])].join("\t"));
    if (!run.ran) io.err(say("jobs.skipped", { job: job.name, slot }));
  }
  return 0;
}
