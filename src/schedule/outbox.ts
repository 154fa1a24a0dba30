// Every reminder is written before it is sent, under its unique key (kind, subject, period): a second
// instance, a restart or a re-run finds the row and sends nothing. A row is claimed before sending, so
// two instances never send the same one; a crash between claim and send loses it rather than doubling it.
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Logger } from "../infra/logger.js";
import type { Card } from "../cards/card.js";
import { nextSendable, type QuietHours } from "./calendar.js";

export type Message = { text: string } | { card: Card };
/** Sends to a person on a channel they have an account on; "unreachable" when they have none. */
export type Deliver = (personId: number, message: Message) => Promise<"sent" | "unreachable">;
export type StillDue = (db: PrismaClient, n: { subject: string; period: string; recipientPersonId: number | null }, tz: string) => Promise<boolean>;

export type Outgoing = { kind: string; subject: string; period: string; to: { id: number; name: string }; message: Message };
export type Emitted = { kind: string; recipient: string; subject: string };

export type OutboxDeps = { prisma: PrismaClient; log: Logger; tz: string; quiet: QuietHours; deliver: Deliver };

const MAX_ATTEMPTS = 3;

/** A snoozed copy's period is the original's plus "~<id>"; checks read the original period. */
export const basePeriod = (period: string) => period.split("~")[0];
const RETRY_AFTER_MS = 5 * 60_000;

/** Writes the reminder unless its key exists; returns whether this call wrote it. */
export async function writeNotification(deps: OutboxDeps, o: Outgoing, at: Date): Promise<boolean> {
  const created = await deps.prisma.notification.createMany({
    data: [{
      kind: o.kind, subject: o.subject, period: o.period, recipientPersonId: o.to.id,
      payload: { message: o.message, recipient: o.to.name } as unknown as Prisma.InputJsonValue,
      dueAt: nextSendable(at, deps.tz, deps.quiet),
      taskId: "card" in o.message ? o.message.card.taskId : null,
    }],
    skipDuplicates: true,
  });
  return created.count === 1;
}

export async function isWritten(prisma: PrismaClient, o: Pick<Outgoing, "kind" | "subject" | "period">): Promise<boolean> {
  const row = await prisma.notification.findUnique({ where: { kind_subject_period: { kind: o.kind, subject: o.subject, period: o.period } }, select: { id: true } });
  return row !== null;
}

type Row = { id: number; kind: string; subject: string; period: string; recipientPersonId: number | null; payload: unknown; attempts: number };

async function sendOne(deps: OutboxDeps, row: Row, now: Date, stillDue: Record<string, StillDue>): Promise<"sent" | "cancelled" | "failed"> {
  const check = stillDue[row.kind];
  if (row.recipientPersonId === null || (check && !(await check(deps.prisma, { ...row, period: basePeriod(row.period) }, deps.tz)))) {
    await deps.prisma.notification.update({ where: { id: row.id }, data: { cancelledAt: now } });
    return "cancelled";
  }
  const { message } = row.payload as { message: Message };
  try {
    const result = await deps.deliver(row.recipientPersonId, message);
    if (result === "unreachable") deps.log.warn({ notification: row.id, kind: row.kind, personId: row.recipientPersonId }, "reminder recipient has no chat account");
    await deps.prisma.notification.update({ where: { id: row.id }, data: result === "sent" ? { sentAt: now } : { cancelledAt: now } });
    return result === "sent" ? "sent" : "cancelled";
  } catch (error) {
    const giveUp = row.attempts + 1 >= MAX_ATTEMPTS;
    deps.log.error({ err: (error as Error).message, notification: row.id, kind: row.kind, giveUp }, "reminder send failed");
    await deps.prisma.notification.update({
      where: { id: row.id },
      data: giveUp ? { cancelledAt: now } : { claimedAt: null, dueAt: new Date(now.getTime() + RETRY_AFTER_MS) },
    });
    return "failed";
  }
}

/** Sends every written reminder that is due and still needed; the thing done since means no send. */
export async function sendDue(deps: OutboxDeps, now: Date, stillDue: Record<string, StillDue>): Promise<{ sent: number; cancelled: number; failed: number }> {
  const counts = { sent: 0, cancelled: 0, failed: 0 };
  for (;;) {
    const due = await deps.prisma.notification.findMany({
      where: { sentAt: null, cancelledAt: null, claimedAt: null, dueAt: { lte: now } },
      orderBy: { dueAt: "asc" }, take: 200,
      select: { id: true, kind: true, subject: true, period: true, recipientPersonId: true, payload: true, attempts: true },
    });
    if (due.length === 0) return counts;
    for (const row of due) {
      const claim = await deps.prisma.notification.updateMany({ where: { id: row.id, claimedAt: null }, data: { claimedAt: now, attempts: { increment: 1 } } });
      if (claim.count === 0) continue; // another instance has it
      counts[await sendOne(deps, row, now, stillDue)]++;
    }
  }
}
