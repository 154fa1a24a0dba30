// A posting's targets (目标管理): the programme's, each replaced by the posting's own for the same metric and period.
import type { Db } from "../infra/db.js";

export async function listTargets(db: Db, programmeId: number, postingId?: number) {
  const rows = await db.target.findMany({
    where: { programmeId, OR: [{ postingId: null }, ...(postingId === undefined ? [] : [{ postingId }])] },
    orderBy: [{ postingId: { sort: "desc", nulls: "last" } }, { id: "asc" }],
  });
  const seen = new Set<string>();
  return rows.filter((t) => {
    const key = `${t.metric}:${t.period}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
