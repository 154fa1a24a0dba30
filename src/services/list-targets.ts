// A posting's targets (目标管理): the programme's, each replaced by the posting's own for the same metric and period.
import type { Db } from "../infra/db.js";
import { Prisma, type MetricKey, type TargetPeriod } from "../generated/prisma/client.js";

/** What a target asks: at least `minimum` of a metric in each period. */
export type TargetRule = { metric: MetricKey; period: TargetPeriod; minimum: number };

export async function listTargets(db: Db, programmeId: number, postingId?: number) {
  const rows = await db.target.findMany({
    where: { programmeId, OR: [{ postingId: null }, ...(postingId === undefined ? [] : [{ postingId }])] },
    orderBy: [{ postingId: { sort: "desc", nulls: "last" } }, { id: "asc" }],
  });
  return pickTargets(rows);
}

/**
 * A programme's and a posting's targets (columns or values) as one JSON array, in listTargets' order, for
 * a query that reads them with something else (the sender of a report); pickTargets then chooses.
 */
export const targetsJsonQuery = (programmeId: Prisma.Sql, postingId: Prisma.Sql) => Prisma.sql`
  (SELECT coalesce(json_agg(json_build_object('metric', t.metric, 'period', t.period, 'minimum', t.minimum) ORDER BY t."postingId" DESC NULLS LAST, t.id), '[]'::json)
   FROM "Target" t WHERE t."programmeId" = ${programmeId} AND (t."postingId" IS NULL OR t."postingId" = ${postingId}))`;

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
