// Every reminder is written before it is sent, under its unique key (kind, subject, period): a second
// instance, a restart or a re-run finds the row and writes nothing. The one writer of the outbox.
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Card } from "../../cards/card.js";

export type Written = { kind: string; subject: string; period: string; to: { id: number; name: string }; message: { card: Card } | object };

const CHUNK = 1000;
export const notificationKey = (o: { kind: string; subject: string; period: string }) => `${o.kind}\u0000${o.subject}\u0000${o.period}`;

/**
 * Writes the reminders whose keys do not exist yet, due at `dueAt`; returns the keys this call wrote.
 * `writtenAt` is when the thing was found due: a reminder due later than that is checked again when it goes out.
 */
export async function writeNotifications(db: Db, o: { list: Written[]; dueAt: Date; writtenAt: Date }): Promise<Set<string>> {
  const written = new Set<string>();
  for (let i = 0; i < o.list.length; i += CHUNK) {
    const rows = await db.notification.createManyAndReturn({
      data: o.list.slice(i, i + CHUNK).map((w) => ({
        kind: w.kind, subject: w.subject, period: w.period, recipientPersonId: w.to.id,
        payload: { message: w.message, recipient: w.to.name, writtenAt: o.writtenAt.toISOString() } as unknown as Prisma.InputJsonValue,
        dueAt: o.dueAt, taskId: "card" in w.message ? w.message.card.taskId : null,
      })),
      skipDuplicates: true,
      select: { kind: true, subject: true, period: true },
    });
    for (const r of rows) written.add(notificationKey(r));
  }
  return written;
}
