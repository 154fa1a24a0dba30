// A message's life in a channel, whichever platform it came from. Each platform's adapter supplies
// verify (its routes), decode (platform payload → one neutral message) and send (an answer → its API):
//   accept — store it, or (database unavailable) journal it; either way it is safe to acknowledge;
//   answer — after the ack: a message or card tap goes through the bot's pipeline (decide) and the
//            adapter sends what it decided; anything else (an event, a picture, an outsider) is marked
//            once and told why;
//   the sweeps — messages stored but never answered, and journaled ones once the database is back,
//            are answered the same way, on every instance that takes callbacks.
import type { ChannelDeps } from "./deps.js";
import { decideStored, type Answer } from "../bot/pipeline.js";
import { AppError, isAppError } from "../errors.js";
import type { InboundOutcome, Platform } from "../infra/records.js";
import type { JournalEntry } from "../infra/journal.js";
import { claimInbound } from "../services/claim-inbound.js";
import { findUnfinished } from "../services/find-unfinished.js";
import { markOutcome } from "../services/mark-outcome.js";
import { storeInbound, type StoredInbound } from "../services/store-inbound.js";
import type { InboundMessage } from "../domain/message.js";

/** What a message the pipeline does not take is marked as, and what its sender is told (if anything). */
export type Refusal = { outcome: InboundOutcome; reason?: string; reply?: string };

/** A platform's adapter: how to read a message back from what was stored, and how to answer it. */
export type ChannelAdapter<M extends InboundMessage = InboundMessage> = {
  platform: Platform;
  decode(payload: unknown, receivedAt: Date): M;
  answer(msg: M, stored: StoredInbound): Promise<void>;
};

export type Landed = { stored: StoredInbound } | { journaled: true };

/**
 * Makes a message safe to acknowledge: stored in the database, or, when the database cannot take it,
 * appended to this instance's journal (fsync'd) for the replayer. Only when both fail is the platform
 * told to try again (503), which is all that is left: DingTalk's Stream pushes are never re-sent.
 */
async function land(bot: ChannelDeps, msg: InboundMessage): Promise<Landed> {
  try {
    return { stored: await (bot.writer ? bot.writer.store(msg) : storeInbound(bot.db, msg)) };
  } catch (error) {
    if (isAppError(error)) throw error;
    if (!bot.journal) throw new AppError("unavailable", "cannot store the message now", { cause: error });
    try {
      await bot.journal.append(journalEntry(msg));
    } catch (journalError) {
      bot.log.error({ err: (journalError as Error).message, platform: msg.platform, msgId: msg.msgId }, "message neither stored nor journaled");
      throw new AppError("unavailable", "cannot store or journal the message now", { cause: journalError });
    }
    bot.log.warn({ err: (error as Error).message, platform: msg.platform, msgId: msg.msgId }, "database unavailable: message journaled and acknowledged");
    return { journaled: true };
  }
}

const journalEntry = (msg: InboundMessage): JournalEntry => ({
  platform: msg.platform, msgId: msg.msgId, senderId: msg.senderId, text: msg.text, payload: msg.payload, receivedAt: msg.receivedAt.toISOString(),
});

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

/** Starts the work after the ack (on the next turn, so the platform's answer goes first); `track` lets shutdown and tests wait for it. */
export function afterAck(work: () => Promise<void>, track?: (work: Promise<void>) => void): void {
  const done = new Promise<void>((resolve) => setImmediate(() => void work().then(resolve)));
  track?.(done);
}

/**
 * Lands a message; once stored, it is processed after the ack: by the worker (the server), which takes
 * it from the table, or at once on this turn where there is no worker. A journaled one waits for the
 * replayer. `track` gets the work, so shutdown and tests can wait for it.
 */
export async function acceptInbound<M extends InboundMessage>(bot: ChannelDeps, channel: ChannelAdapter<M>, msg: M, track?: (work: Promise<void>) => void): Promise<void> {
  const landed = await land(bot, msg);
  if (!("stored" in landed)) return;
  if (!bot.worker) return afterAck(() => channel.answer(msg, landed.stored), track);
  if (landed.stored.outcome !== "received") return; // a retry of a message already finished
  track?.(bot.worker.answered(landed.stored.id));
  bot.worker.kick();
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
