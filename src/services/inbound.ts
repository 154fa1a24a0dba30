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
