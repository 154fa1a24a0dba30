// Messages that were stored and acknowledged but never finished.
import type { Db } from "../../infra/db.js";
import type { Platform } from "../../generated/prisma/client.js";

/** A message stored but left 'received' (the process died, or the database failed mid-way) is older than this. */
export const STALE_AFTER_MS = 2 * 60_000;
const RETRY_WINDOW_MS = 24 * 3600_000;

/**
 * The platform will not send these again (it got its ack), so a sweep processes them once the database
 * is back. The message's claim and outcome check keep it from racing a late platform retry.
 */
export async function findUnfinished(db: Db, platform: Platform, at: Date) {
  return db.inboundMessage.findMany({
    where: { platform, outcome: "received", receivedAt: { lt: new Date(at.getTime() - STALE_AFTER_MS), gt: new Date(at.getTime() - RETRY_WINDOW_MS) } },
    orderBy: { id: "asc" }, take: 100, select: { id: true, payload: true, receivedAt: true },
  });
}
