// A message's life in a channel, whichever platform it came from. Each platform supplies verify (its
// routes), decode (platform payload → one neutral message) and send (an answer → its API); here:
//   accept — store it, or (database unavailable) journal it; either way it is safe to acknowledge;
//            then it is answered (answer.ts) after the ack, by the worker or on the next turn.
import type { ChannelDeps } from "./deps.js";
import { AppError, isAppError } from "../errors.js";
import type { JournalEntry } from "../infra/journal.js";
import { storeInbound, type StoredInbound } from "../services/inbound/store-inbound.js";
import type { InboundMessage } from "../domain/message.js";
import type { ChannelAdapter } from "./answer.js";

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

/** Starts the work after the ack (on the next turn, so the platform's answer goes first); `track` lets shutdown and tests wait for it. */
export function afterAck(work: () => Promise<void>, track?: (work: Promise<void>) => void): void {
  const done = new Promise<void>((resolve) => setImmediate(() => void work().then(resolve)));
  track?.(done);
}

/**
 * Lands a message; once stored, it is processed after the ack: by the worker (the server), which takes
 * it from the table, or at once on this turn where there is no worker (`track` then gets the work, so
 * tests can wait for it). A journaled one waits for the replayer.
 */
export async function acceptInbound<M extends InboundMessage>(bot: ChannelDeps, channel: ChannelAdapter<M>, msg: M, track?: (work: Promise<void>) => void): Promise<void> {
  const landed = await land(bot, msg);
  if (!("stored" in landed)) return;
  if (!bot.worker) return afterAck(() => channel.answer(msg, landed.stored), track);
  // The worker's in-flight work is what shutdown waits for; nothing is kept per acknowledged message.
  if (landed.stored.outcome === "received") bot.worker.kick();
}

