// Claims one reminder for sending: true for exactly one instance, so two never send the same one; a
// crash after the claim loses it rather than sending it twice.
import type { Db } from "../../infra/db.js";

export type DueNotification = { id: number; kind: string; subject: string; period: string; recipientPersonId: number | null; payload: unknown; attempts: number; createdAt: Date; dueAt: Date };

/** The claimed reminder (`attempts` as before this claim), or undefined when another instance has it. */
export async function claimNotification(db: Db, id: number, now: Date): Promise<DueNotification | undefined> {
  const [one] = await db.notification.updateManyAndReturn({
    where: { id, claimedAt: null },
    data: { claimedAt: now, attempts: { increment: 1 } },
    select: { id: true, kind: true, subject: true, period: true, recipientPersonId: true, payload: true, attempts: true, createdAt: true, dueAt: true },
  });
  return one ? { ...one, attempts: one.attempts - 1 } : undefined;
}
