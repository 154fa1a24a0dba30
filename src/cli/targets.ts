// targets set <programme> lectures=5/half_year rounds=20/half_year | targets list <programme>
import type { TargetPeriod } from "../generated/prisma/client.js";
import type { DbClient } from "../infra/db.js";
import { getMetric, isMetricKey, type MetricKey } from "../domain/metrics.js";
import { createRenderer } from "../templates/render.js";

const say = createRenderer("cli");
const PERIODS: TargetPeriod[] = ["week", "month", "half_year", "year", "posting"];

export function parseTargetSpec(spec: string): { metric: MetricKey; minimum: number; period: TargetPeriod } | undefined {
  const m = /^([a-z_]+)=(\d+(?:\.\d+)?)\/([a-z_]+)$/.exec(spec);
  if (!m || !isMetricKey(m[1]) || !PERIODS.includes(m[3] as TargetPeriod)) return undefined;
  return { metric: m[1], minimum: Number(m[2]), period: m[3] as TargetPeriod };
}

export async function runTargets(db: DbClient, args: string[]): Promise<number> {
  const [action, programmeName, ...specs] = args;
  if ((action !== "set" && action !== "list") || !programmeName) return console.error(say("target.usage")), 2;
  const programme = await db.programme.findUnique({ where: { name: programmeName } });
  if (!programme) return console.error(say("target.no_programme", { programme: programmeName })), 1;
  if (action === "set") {
    const targets = specs.map(parseTargetSpec);
    if (targets.length === 0 || targets.some((t) => !t)) return console.error(say("target.usage")), 2;
    await db.$transaction(async (tx) => {
      for (const t of targets as NonNullable<ReturnType<typeof parseTargetSpec>>[]) {
        await tx.target.deleteMany({ where: { programmeId: programme.id, postingId: null, metric: t.metric, period: t.period } });
        await tx.target.create({ data: { programmeId: programme.id, ...t } });
      }
    });
  }
  const rows = await db.target.findMany({ where: { programmeId: programme.id, postingId: null }, orderBy: { id: "asc" } });
  if (rows.length === 0) return console.log(say("target.none", { programme: programmeName })), 0;
  console.log(say("target.done", { programme: programmeName, targets: rows.map((t) => `${getMetric(t.metric).short} ≥${t.minimum}/${t.period}`).join("，") }));
  return 0;
}
