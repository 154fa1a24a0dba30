// The outbox's next reminders to send, oldest due first: due, and not sent, cancelled or claimed.
import type { Db } from "../../infra/db.js";

export async function findDueNotifications(db: Db, o: { now: Date; take: number }): Promise<number[]> {
  const rows = await db.notification.findMany({
    where: { sentAt: null, cancelledAt: null, claimedAt: null, dueAt: { lte: o.now } }, orderBy: { dueAt: "asc" }, take: o.take, select: { id: true },
  });
  return rows.map((r) => r.id);
}
