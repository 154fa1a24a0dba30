// Every inbound message is stored before anything else happens; the platform's message id is unique,
// so a retry finds the first copy instead of making a second.
import type { Db } from "../infra/db.js";
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

/** A stored message: `claimed` when the caller already holds its processing claim (the worker). */
export type StoredInbound = { id: number; duplicate: boolean; outcome: InboundOutcome; claimed?: boolean };

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** PostgreSQL text and jsonb cannot hold NUL: it is dropped from what a platform sent, not refused. */
export const withoutNul = (text: string) => (text.includes("\u0000") ? text.replaceAll("\u0000", "") : text);
export const payloadWithoutNul = (payload: unknown) => {
  if (payload === undefined || payload === null) return undefined;
  const json = JSON.stringify(payload);
  return (json.includes("\\u0000") ? JSON.parse(json.replaceAll("\\u0000", "")) : payload) as Prisma.InputJsonValue;
};

export async function storeInbound(db: Db, msg: InboundMessage): Promise<StoredInbound> {
  try {
    const row = await db.inboundMessage.create({
      data: {
        platform: msg.platform,
        externalMsgId: withoutNul(msg.msgId),
        senderExternalId: withoutNul(msg.senderId),
        text: withoutNul(msg.text),
        payload: payloadWithoutNul(msg.payload),
        receivedAt: msg.receivedAt,
      },
      select: { id: true, outcome: true },
    });
    return { ...row, duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.inboundMessage.findUniqueOrThrow({
      where: { platform_externalMsgId: { platform: msg.platform, externalMsgId: withoutNul(msg.msgId) } },
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

/** How long one instance may hold a message it is processing before another may take it over. */
const CLAIM_MS = 60_000;

/**
 * Claims a stored message for processing: true for exactly one caller while the message is 'received'
 * and unclaimed (or its claim has lapsed). The claim is a column of the message, so finishing an
 * acknowledged message depends on the database alone, not on Redis.
 */
export async function claimInbound(db: Db, id: number, now = new Date()): Promise<boolean> {
  const { count } = await db.inboundMessage.updateMany({
    where: { id, outcome: "received", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimedUntil: new Date(now.getTime() + CLAIM_MS) },
  });
  return count === 1;
}

/** Gives a claim back after a failure, so the next sweep need not wait for it to lapse. */
export async function releaseInbound(db: Db, id: number): Promise<void> {
  await db.inboundMessage.updateMany({ where: { id, outcome: "received" }, data: { claimedUntil: null } });
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
