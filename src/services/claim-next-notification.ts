// The outbox's next reminder to send: due, and not sent, cancelled or claimed. Claimed one row at a time,
// so two instances never send the same one and a crash loses at most the message in flight.
import type { Db } from "../infra/db.js";

export type DueNotification = { id: number; kind: string; subject: string; period: string; recipientPersonId: number | null; payload: unknown; attempts: number; createdAt: Date; dueAt: Date };

/** The oldest-due reminder this call claimed, or undefined when none is due; `attempts` as before the claim. */
export async function claimNextNotification(db: Db, now: Date): Promise<DueNotification | undefined> {
  for (;;) {
    const due = await db.notification.findMany({
      where: { sentAt: null, cancelledAt: null, claimedAt: null, dueAt: { lte: now } }, orderBy: { dueAt: "asc" }, take: 20, select: { id: true },
    });
    if (due.length === 0) return undefined;
    for (const row of due) {
      const [one] = await db.notification.updateManyAndReturn({
        where: { id: row.id, claimedAt: null },
        data: { claimedAt: now, attempts: { increment: 1 } },
        select: { id: true, kind: true, subject: true, period: true, recipientPersonId: true, payload: true, attempts: true, createdAt: true, dueAt: true },
      });
      if (one) return { ...one, attempts: one.attempts - 1 }; // else another instance has it
    }
  }
}
