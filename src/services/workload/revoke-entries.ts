// Revoked entries stay in the ledger's history; every total leaves them out.
import type { Db } from "../../infra/db.js";

export async function revokeEntries(db: Db, ids: number[]): Promise<void> {
  await db.workloadEntry.updateMany({ where: { id: { in: ids }, revokedAt: null }, data: { revokedAt: new Date() } });
}
