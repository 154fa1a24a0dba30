// After a channel has acknowledged a stored message: a message or card tap goes through the pipeline and
// its answer goes out; anything else (an event, a picture, an outsider) is marked once and told why.
// A failure is logged and the message stays 'received' for the channel's sweep.
import type { BotDeps } from "../bot/context.js";
import { processInbound, type PipelineResult } from "../bot/pipeline.js";
import type { InboundOutcome } from "../generated/prisma/client.js";
import { setOutcome, type InboundMessage, type StoredInbound } from "../services/inbound.js";

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
