// A posting's targets (目标管理): the programme's, each replaced by the posting's own for the same metric and period.
import type { Db } from "../../infra/db.js";
import type { MetricKey, TargetPeriod } from "../../generated/prisma/client.js";

/** What a target asks: at least `minimum` of a metric in each period. */
export type TargetRule = { metric: MetricKey; period: TargetPeriod; minimum: number };

export async function listTargets(db: Db, programmeId: number, postingId?: number) {
  const rows = await db.target.findMany({
    where: { programmeId, OR: [{ postingId: null }, ...(postingId === undefined ? [] : [{ postingId }])] },
    orderBy: [{ postingId: { sort: "desc", nulls: "last" } }, { id: "asc" }],
  });
  return pickTargets(rows);
}

/** The first of each metric and period: the posting's own before the programme's. */
export function pickTargets<T extends TargetRule>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((t) => {
    const key = `${t.metric}:${t.period}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
