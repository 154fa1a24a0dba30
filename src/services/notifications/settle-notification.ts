// What became of a claimed reminder: sent, cancelled, or back in the queue (due again at `retryAt`).
import type { Db } from "../../infra/db.js";

export type Settlement = { sent: Date } | { cancelled: Date } | { retryAt: Date; attempts?: number };

export async function settleNotification(db: Db, id: number, s: Settlement): Promise<void> {
  const data = "sent" in s ? { sentAt: s.sent } : "cancelled" in s ? { cancelledAt: s.cancelled } : { claimedAt: null, dueAt: s.retryAt, attempts: s.attempts };
  await db.notification.update({ where: { id }, data });
}
