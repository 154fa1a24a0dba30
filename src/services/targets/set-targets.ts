// targets set: targets at one level (the programme's, one posting's, a pairing's, a clinic's), each
// replacing the one of that level for the same metric and period, together.
import type { Db, DbClient } from "../../infra/db.js";
import type { MetricKey, PostingMode, TargetPeriod } from "../../generated/prisma/client.js";

export type TargetSpec = { metric: MetricKey; minimum: number; period: TargetPeriod };
/** Where the targets are set: nothing for the programme's (optionally for one posting mode), or one of the others. */
export type TargetScope = { postingId?: number; pairingId?: number; recipientOrgId?: number; mode?: PostingMode };

const scopeWhere = (s: TargetScope) => ({ postingId: s.postingId ?? null, pairingId: s.pairingId ?? null, recipientOrgId: s.recipientOrgId ?? null, mode: s.mode ?? null });

/** Inside a caller's transaction (a roster import writes a posting's 工作目标 with the posting). */
export async function writeTargets(tx: Db, programmeId: number, scope: TargetScope, targets: TargetSpec[]): Promise<void> {
  for (const t of targets) {
    await tx.target.deleteMany({ where: { programmeId, ...scopeWhere(scope), metric: t.metric, period: t.period } });
    await tx.target.create({ data: { programmeId, ...scopeWhere(scope), ...t } });
  }
}

export async function setTargets(db: DbClient, programmeId: number, targets: TargetSpec[], scope: TargetScope = {}): Promise<void> {
  await db.$transaction((tx) => writeTargets(tx, programmeId, scope, targets));
}
