// Every inbound message is stored before anything else happens; the platform's message id is unique,
// so a retry finds the first copy instead of making a second.
import { isUniqueViolation, type Db } from "../../infra/db.js";
import type { InboundOutcome, Prisma } from "../../generated/prisma/client.js";
import type { InboundMessage } from "../../domain/message.js";

/** A stored message: `claimed` when the caller already holds its processing claim (the worker). */
export type StoredInbound = { id: number; duplicate: boolean; outcome: InboundOutcome; claimed?: boolean };

/** PostgreSQL text and jsonb cannot hold NUL: it is dropped from what a platform sent, not refused. */
export const withoutNul = (text: string) => (text.includes("\u0000") ? text.replaceAll("\u0000", "") : text);
/**
 * NUL as JSON writes it: `\u0000` after an even number of backslashes. After an odd number it is text a
 * person typed (`\\u0000` is a backslash, then "u0000"), and cutting it out would break the escape.
 */
const NUL_ESCAPE = /(?<=(?:^|[^\\])(?:\\\\)*)\\u0000/g;
const nulFree = (json: string) => (json.includes("\\u0000") ? json.replace(NUL_ESCAPE, "") : json);
/** A payload as JSON text without NUL (what the ack path's batch carries); undefined for none. */
export const payloadJson = (payload: unknown): string | undefined => (payload === undefined || payload === null ? undefined : nulFree(JSON.stringify(payload)));
export const payloadWithoutNul = (payload: unknown) => {
  if (payload === undefined || payload === null) return undefined;
  const json = JSON.stringify(payload);
  const clean = nulFree(json);
  return (clean === json ? payload : JSON.parse(clean)) as Prisma.InputJsonValue;
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
