// Every inbound message is stored before anything else happens; the platform's message id is unique,
// so a retry finds the first copy instead of making a second.
import type { Db } from "../infra/db.js";
import { AppError, isAppError } from "../errors.js";
import type { CardTap } from "../cards/card.js";
import { Prisma, type InboundOutcome, type Platform } from "../generated/prisma/client.js";

export type InboundMessage = {
  platform: Platform;
  msgId: string;
  senderId: string;
  text: string;
  payload?: unknown;
  receivedAt: Date;
  /** Set when the message is a tap on one of our cards. */
  tap?: CardTap;
};

export type StoredInbound = { id: number; duplicate: boolean; outcome: InboundOutcome };

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function storeInbound(db: Db, msg: InboundMessage): Promise<StoredInbound> {
  try {
    const row = await db.inboundMessage.create({
      data: {
        platform: msg.platform,
        externalMsgId: msg.msgId,
        senderExternalId: msg.senderId,
        text: msg.text,
        payload: (msg.payload ?? undefined) as Prisma.InputJsonValue | undefined,
        receivedAt: msg.receivedAt,
      },
      select: { id: true, outcome: true },
    });
    return { ...row, duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.inboundMessage.findUniqueOrThrow({
      where: { platform_externalMsgId: { platform: msg.platform, externalMsgId: msg.msgId } },
      select: { id: true, outcome: true },
    });
    return { ...row, duplicate: true };
  }
}

export async function setOutcome(
  db: Db,
  id: number,
  outcome: InboundOutcome,
  extra: { reason?: string; personId?: number } = {},
): Promise<void> {
  await db.inboundMessage.update({ where: { id }, data: { outcome, ...extra, processedAt: new Date() } });
}

/** Stores a message a platform is waiting to hear we received: a database that cannot store it answers
 *  503 (HTTP) or no ack (Stream), so the platform sends it again instead of losing it. */
export async function acceptInbound(db: Db, msg: InboundMessage): Promise<StoredInbound> {
  try {
    return await storeInbound(db, msg);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("unavailable", "cannot store the message now; the platform will retry", { cause: error });
  }
}

/** A message stored but left 'received' (the process died, or the database failed mid-way) is older than this. */
export const STALE_AFTER_MS = 2 * 60_000;
const RETRY_WINDOW_MS = 24 * 3600_000;

/**
 * Messages that were stored and acknowledged but never finished: the platform will not send them again
 * (it got its ack), so a sweep processes them once the database is back. The pipeline's lock and
 * outcome check keep it from racing a late platform retry.
 */
export async function findUnfinished(db: Db, platform: Platform, at: Date) {
  return db.inboundMessage.findMany({
    where: { platform, outcome: "received", receivedAt: { lt: new Date(at.getTime() - STALE_AFTER_MS), gt: new Date(at.getTime() - RETRY_WINDOW_MS) } },
    orderBy: { id: "asc" }, take: 100, select: { id: true, payload: true, receivedAt: true },
  });
}
