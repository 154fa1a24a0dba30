// Every inbound message is stored before anything else happens; the platform's message id is unique,
// so a retry finds the first copy instead of making a second.
import { isUniqueViolation, type Db } from "../infra/db.js";
import type { InboundOutcome, Prisma } from "../generated/prisma/client.js";
import type { InboundMessage } from "../domain/message.js";

/** A stored message: `claimed` when the caller already holds its processing claim (the worker). */
export type StoredInbound = { id: number; duplicate: boolean; outcome: InboundOutcome; claimed?: boolean };

/** PostgreSQL text and jsonb cannot hold NUL: it is dropped from what a platform sent, not refused. */
export const withoutNul = (text: string) => (text.includes("\u0000") ? text.replaceAll("\u0000", "") : text);
export const payloadWithoutNul = (payload: unknown) => {
  if (payload === undefined || payload === null) return undefined;
  const json = JSON.stringify(payload);
  return (json.includes("\\u0000") ? JSON.parse(json.replaceAll("\\u0000", "")) : payload) as Prisma.InputJsonValue;
};

/**
 * Stores a message, or finds the copy a retry stored first (duplicate). With `claimMs`, a message stored
 * here is claimed for processing in the same statement (the caller processes it next; nobody else can
 * have claimed a row that did not exist).
 */
export async function storeInbound(db: Db, msg: InboundMessage, o: { claimMs?: number } = {}): Promise<StoredInbound> {
  try {
    const row = await db.inboundMessage.create({
      data: {
        ...(o.claimMs ? { claimedUntil: new Date(Date.now() + o.claimMs) } : {}),
        platform: msg.platform,
        externalMsgId: withoutNul(msg.msgId),
        senderExternalId: withoutNul(msg.senderId),
        text: withoutNul(msg.text),
        payload: payloadWithoutNul(msg.payload),
        receivedAt: msg.receivedAt,
      },
      select: { id: true, outcome: true },
    });
    return { ...row, duplicate: false, ...(o.claimMs ? { claimed: true } : {}) };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.inboundMessage.findUniqueOrThrow({
      where: { platform_externalMsgId: { platform: msg.platform, externalMsgId: withoutNul(msg.msgId) } },
      select: { id: true, outcome: true },
    });
    return { ...row, duplicate: true };
  }
}
