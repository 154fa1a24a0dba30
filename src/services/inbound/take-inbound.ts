// The inbound table as the worker's queue: claiming the next messages to process.
import type { Db } from "../../infra/db.js";
import type { Platform } from "../../generated/prisma/client.js";

export type Taken = { id: number; platform: Platform; payload: unknown; receivedAt: Date };

/**
 * Claims up to `n` messages of these platforms for `claimMs`: each the oldest 'received' one of its
 * sender (so a sender's messages go in order, across instances), unclaimed or with a lapsed claim,
 * skipping rows another instance is claiming at this moment.
 */
export function takeInbound(db: Db, o: { platforms: Platform[]; n: number; claimMs: number; now?: Date }): Promise<Taken[]> {
  const now = o.now ?? new Date();
  return db.$queryRawUnsafe<Taken[]>(`
    UPDATE "InboundMessage" SET "claimedUntil" = $1
    WHERE id IN (
      SELECT m.id FROM "InboundMessage" m
      WHERE m.outcome = 'received' AND (m."claimedUntil" IS NULL OR m."claimedUntil" < $2) AND m.platform::text = ANY(string_to_array($3, ','))
        AND NOT EXISTS (SELECT 1 FROM "InboundMessage" e WHERE e.platform = m.platform AND e."senderExternalId" = m."senderExternalId" AND e.outcome = 'received' AND e.id < m.id)
      ORDER BY m.id LIMIT $4 FOR UPDATE SKIP LOCKED)
    RETURNING id, platform, payload, "receivedAt"`, new Date(now.getTime() + o.claimMs), now, o.platforms.join(","), o.n);
}
