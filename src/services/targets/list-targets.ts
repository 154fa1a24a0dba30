// A posting's targets (目标管理), or a programme's at every level.
import type { Db } from "../../infra/db.js";
import { targetsForPosting, type TargetRow, type TargetRule } from "./target-level.js";

export type { TargetRule } from "./target-level.js";
export { pickTargets } from "./target-level.js";

const COLUMNS = { id: true, metric: true, period: true, minimum: true, postingId: true, pairingId: true, recipientOrgId: true, mode: true } as const;

/** Every target of a programme, at every level. */
export async function listProgrammeTargets(db: Db, programmeId: number): Promise<TargetRow[]> {
  return db.target.findMany({ where: { programmeId }, select: COLUMNS, orderBy: { id: "asc" } });
}

/** The targets a posting answers to (targetsForPosting): its own, its pairing's, the programme's. */
export async function listTargets(db: Db, programmeId: number, postingId: number): Promise<TargetRule[]> {
  const posting = await db.posting.findUniqueOrThrow({ where: { id: postingId }, select: { id: true, pairingId: true, mode: true } });
  const rows = await db.target.findMany({
    where: { programmeId, recipientOrgId: null, OR: [{ postingId: null, pairingId: null }, { postingId: posting.id }, ...(posting.pairingId ? [{ pairingId: posting.pairingId, postingId: null }] : [])] },
    select: COLUMNS,
  });
  return targetsForPosting(rows, posting);
}
