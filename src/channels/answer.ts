// After the acknowledgement: a message or card tap goes through the bot's pipeline (decide) and the
// platform's adapter sends what it decided; anything else (an event, a picture, an outsider) is marked
// once and told why. The sweep answers messages stored but never answered the same way, on every
// instance that takes callbacks.
import type { ChannelDeps } from "./deps.js";
import { decideStored, type Answer } from "../bot/pipeline.js";
import type { InboundOutcome, Platform } from "../infra/records.js";
import { claimInbound } from "../services/inbound/claim-inbound.js";
import { findUnfinished } from "../services/inbound/find-unfinished.js";
import { markOutcome } from "../services/inbound/mark-outcome.js";
import type { StoredInbound } from "../services/inbound/store-inbound.js";
import type { InboundMessage } from "../domain/message.js";

/** What a message the pipeline does not take is marked as, and what its sender is told (if anything). */
export type Refusal = { outcome: InboundOutcome; reason?: string; reply?: string };

/** A platform's adapter: how to read a message back from what was stored, and how to answer it. */
export type ChannelAdapter<M extends InboundMessage = InboundMessage> = {
  platform: Platform;
  decode(payload: unknown, receivedAt: Date): M;
  answer(msg: M, stored: StoredInbound): Promise<void>;
};

export async function answerInbound(
  bot: ChannelDeps,
  msg: InboundMessage,
  stored: StoredInbound,
  o: { refusal?: Refusal; send(result: Answer): Promise<void>; say(text: string): Promise<void> },
): Promise<void> {
  try {
    if (!o.refusal) await o.send(await decideStored(bot, msg, stored));
    else if (stored.outcome === "received" && (stored.claimed || (await claimInbound(bot.db, stored.id)))) {
      await markOutcome(bot.db, stored.id, o.refusal.outcome, { reason: o.refusal.reason });
      if (o.refusal.reply) await o.say(o.refusal.reply);
    }
  } catch (error) {
    bot.log.error({ err: error, platform: msg.platform, msgId: msg.msgId }, "message processing or reply failed");
  }
}

/**
 * The sweep for messages stored and acknowledged but never finished: the platform will not send them
 * again, so each is finished now. The message's claim keeps two instances, or a sweep and a late
 * platform retry, from finishing it twice.
 */
export async function answerUnfinished<M extends InboundMessage>(bot: ChannelDeps, channel: ChannelAdapter<M>, at: Date): Promise<number> {
  const stale = await findUnfinished(bot.db, channel.platform, at);
  for (const row of stale) {
    const msg = channel.decode(row.payload, row.receivedAt);
    bot.log.warn({ platform: channel.platform, msgId: msg.msgId }, "processing a message left unfinished");
    await channel.answer(msg, { id: row.id, duplicate: true, outcome: "received" });
  }
  return stale.length;
}
