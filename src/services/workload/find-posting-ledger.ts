// A posting's ledger, every entry as recorded: revoked ones and late corrections included, with the
// message each came from (who sent it, on which platform, when).
import type { Db } from "../../infra/db.js";

export async function findPostingLedger(db: Db, postingId: number) {
  return db.workloadEntry.findMany({
    where: { postingId },
    orderBy: [{ occurredOn: "asc" }, { id: "asc" }],
    select: {
      id: true, metric: true, quantity: true, label: true, occurredOn: true, source: true, rawText: true, reason: true, isLateCorrection: true, revokedAt: true, createdAt: true,
      person: { select: { name: true } },
      inboundMessage: { select: { id: true, platform: true, receivedAt: true } },
    },
  });
}
