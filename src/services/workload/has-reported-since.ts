// Whether a person sent any report since an instant (a held nudge is dropped then).
import type { Db } from "../../infra/db.js";

export async function hasReportedSince(db: Db, personId: number, since: Date): Promise<boolean> {
  return (await db.workloadEntry.count({ where: { personId, revokedAt: null, createdAt: { gte: since } } })) > 0;
}
