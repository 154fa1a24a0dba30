// Processing claims on stored messages: a column of the message, so finishing an acknowledged message
// depends on the database alone, not on Redis.
import type { Db } from "../../infra/db.js";

/** How long one instance may hold a message it is processing before another may take it over. */
export const CLAIM_MS = 60_000;

/**
 * Claims a stored message for processing: true for exactly one caller while the message is 'received'
 * and unclaimed (or its claim has lapsed). `release` gives a claim back after a failure, so the next
 * sweep need not wait for it to lapse.
 */
export async function claimInbound(db: Db, id: number, o: { now?: Date; release?: boolean } = {}): Promise<boolean> {
  if (o.release) {
    await db.inboundMessage.updateMany({ where: { id, outcome: "received" }, data: { claimedUntil: null } });
    return false;
  }
  const now = o.now ?? new Date();
  const { count } = await db.inboundMessage.updateMany({
    where: { id, outcome: "received", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimedUntil: new Date(now.getTime() + CLAIM_MS) },
  });
  return count === 1;
}
