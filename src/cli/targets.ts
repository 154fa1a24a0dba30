// targets set <programme> [--person 姓名 [--clinic 受援单位] | --pairing 支援单位/受援单位 | --clinic 受援单位 | --mode circuit] lectures=5/half_year …
// targets list <programme>: every level (the programme's, each mode's, each pairing's, each clinic's, each posting's).
import { parseArgs } from "node:util";
import type { DbClient } from "../infra/db.js";
import { getMetric } from "../domain/metrics.js";
import { POSTING_MODES } from "../domain/programme.js";
import { parseTargetSpec, type TargetSpec } from "../domain/target-spec.js";
import { createRenderer } from "../templates/render.js";
import { joinTotals } from "../templates/phrases.js";
import { findProgramme } from "../services/programme/find-programme.js";
import { listTargetLevels } from "../services/targets/list-target-levels.js";
import { findTargetScope, type TargetScopeAsked } from "../services/targets/find-target-scope.js";
import { setTargets } from "../services/targets/set-targets.js";
import { measureClinicGoals } from "../services/targets/measure-clinic-goals.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");


const item = (t: TargetSpec) => say("target.item", { metric: getMetric(t.metric).short, minimum: t.minimum, period: say(`target.period.${t.period}`) });

function readArgs(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { person: { type: "string" }, pairing: { type: "string" }, clinic: { type: "string" }, mode: { type: "string" } } });
  const [action, programme, ...specs] = positionals;
  const mode = values.mode as (typeof POSTING_MODES)[number] | undefined;
  const asked: TargetScopeAsked = { person: values.person, pairing: values.pairing, clinic: values.clinic, mode };
  const levels = [values.person, values.pairing, values.clinic && !values.person, values.mode].filter(Boolean).length;
  const valid = (action === "set" || action === "list") && !!programme && levels <= 1 && (!mode || POSTING_MODES.includes(mode));
  return valid ? { action, programme, specs, asked } : undefined;
}

export async function runTargets(io: CliIo, db: DbClient, args: string[], today: string): Promise<number> {
  const read = (() => { try { return readArgs(args); } catch { return undefined; } })();
  if (!read) return io.err(say("target.usage")), 2;
  const programme = await findProgramme(db, { name: read.programme });
  if (!programme) return io.err(say("target.no_programme", { programme: read.programme })), 1;
  if (read.action === "set") {
    const targets = read.specs.map(parseTargetSpec);
    if (targets.length === 0 || targets.some((t) => !t)) return io.err(say("target.usage")), 2;
    const scope = await findTargetScope(db, programme.id, read.asked);
    if ("problem" in scope) return io.err(scope.problem), 1;
    await setTargets(db, programme.id, targets as TargetSpec[], scope);
  }
  const levels = await listTargetLevels(db, programme.id);
  if (levels.length === 0) return io.out(say("target.none", { programme: read.programme })), 0;
  const goals = (await measureClinicGoals(db, programme.id, today)).map((g) => say("target.clinic_progress", { clinic: g.clinic, metric: getMetric(g.metric).short, done: g.done, minimum: g.minimum, from: g.from, to: g.to }));
  io.out([say("target.header", { programme: read.programme }), ...levels.map((l) => say("target.level", { level: l.label, targets: joinTotals(l.targets.map(item)) })), ...goals].join("\n"));
  return 0;
}
