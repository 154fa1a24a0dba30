// After a channel has acknowledged a stored message: a message or card tap goes through the pipeline and
// its answer goes out; anything else (an event, a picture, an outsider) is marked once and told why.
// A failure is logged and the message stays 'received' for the channel's sweep.
import type { BotDeps } from "../bot/context.js";
import { processInbound, type PipelineResult } from "../bot/pipeline.js";
import type { InboundOutcome, Platform } from "../generated/prisma/client.js";
import { findUnfinished, setOutcome, type InboundMessage, type StoredInbound } from "../services/inbound.js";

/** What a message the pipeline does not take is marked as, and what its sender is told (if anything). */
export type Refusal = { outcome: InboundOutcome; reason?: string; reply?: string };

export async function finishInbound(
  bot: BotDeps,
  msg: InboundMessage,
  stored: StoredInbound,
  o: { refusal?: Refusal; answer(result: PipelineResult): Promise<void>; say(text: string): Promise<void> },
): Promise<void> {
  try {
    if (!o.refusal) await o.answer(await processInbound(bot, msg, stored));
    else if (!stored.duplicate) {
      await setOutcome(bot.prisma, stored.id, o.refusal.outcome, { reason: o.refusal.reason });
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
 * The sweep for messages stored and acknowledged but never finished: the platform will not send them
 * again, so each is finished now. Messages for the pipeline go in as duplicates, so its lock and outcome
 * check keep the sweep from racing a late platform retry; refusals are marked as on the first pass.
 */
export async function finishUnfinished<M extends InboundMessage>(
  bot: BotDeps,
  platform: Platform,
  at: Date,
  o: { decode(payload: unknown, receivedAt: Date): M; refusal(msg: M): Refusal | undefined; finish(msg: M, stored: StoredInbound): Promise<void> },
): Promise<number> {
  const stale = await findUnfinished(bot.prisma, platform, at);
  for (const row of stale) {
    const msg = o.decode(row.payload, row.receivedAt);
    bot.log.warn({ platform, msgId: msg.msgId }, "processing a message left unfinished");
    await o.finish(msg, { id: row.id, duplicate: !o.refusal(msg), outcome: "received" });
  }
  return stale.length;
}
