// targets set <programme> lectures=5/half_year rounds=20/half_year | targets list <programme>
import type { TargetPeriod } from "../infra/records.js";
import type { DbClient } from "../infra/db.js";
import { getMetric, isMetricKey } from "../domain/metrics.js";
import { createRenderer } from "../templates/render.js";
import { joinTotals } from "../templates/phrases.js";
import { findProgramme } from "../services/programme/find-programme.js";
import { listTargets } from "../services/targets/list-targets.js";
import { setTargets, type TargetSpec } from "../services/targets/set-targets.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");
const PERIODS: TargetPeriod[] = ["week", "month", "half_year", "year", "posting"];

export function parseTargetSpec(spec: string): TargetSpec | undefined {
  const m = /^([a-z_]+)=(\d+(?:\.\d+)?)\/([a-z_]+)$/.exec(spec);
  if (!m || !isMetricKey(m[1]) || !PERIODS.includes(m[3] as TargetPeriod)) return undefined;
  return { metric: m[1], minimum: Number(m[2]), period: m[3] as TargetPeriod };
}

export async function runTargets(io: CliIo, db: DbClient, args: string[]): Promise<number> {
  const [action, programmeName, ...specs] = args;
  if ((action !== "set" && action !== "list") || !programmeName) return io.err(say("target.usage")), 2;
  const programme = await findProgramme(db, { name: programmeName });
  if (!programme) return io.err(say("target.no_programme", { programme: programmeName })), 1;
  if (action === "set") {
    const targets = specs.map(parseTargetSpec);
    if (targets.length === 0 || targets.some((t) => !t)) return io.err(say("target.usage")), 2;
    await setTargets(db, programme.id, targets as TargetSpec[]);
  }
  const rows = await listTargets(db, programme.id);
  if (rows.length === 0) return io.out(say("target.none", { programme: programmeName })), 0;
  io.out(say("target.done", { programme: programmeName, targets: joinTotals(rows.map((t) => say("target.item", { metric: getMetric(t.metric).short, minimum: t.minimum, period: say(`target.period.${t.period}`) }))) }));
  return 0;
}
