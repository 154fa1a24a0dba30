// On every instance that takes callbacks (not only the scheduler's): the journal is replayed and messages
// stored but never finished are finished, every few seconds. Both are safe to run on several instances
// at once: each journal belongs to its instance, and each message is claimed before it is processed.
import type { ChannelDeps } from "./deps.js";
import { answerUnfinished, type ChannelAdapter } from "./answer.js";
import { replayJournal } from "./replay-journal.js";

export type InboundSweeper = { runOnce(at?: Date): Promise<void>; stop(): Promise<void> };

export function startInboundSweeps(bot: ChannelDeps, channels: ChannelAdapter[], everyMs: number): InboundSweeper {
  let running: Promise<void> = Promise.resolve();
  async function sweep(at: Date): Promise<void> {
    try {
      await replayJournal(bot, channels);
      // The worker takes every 'received' message itself, old ones included; without it, they are swept.
      if (!bot.worker) for (const channel of channels) await answerUnfinished(bot, channel, at);
    } catch (error) {
      bot.log.warn({ err: (error as Error).message }, "inbound sweep failed; trying again on the next round");
    }
  }
  const runOnce = (at = new Date()) => (running = running.then(() => sweep(at)));
  const timer = setInterval(() => void runOnce(), everyMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
