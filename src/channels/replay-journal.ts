// Moves journaled messages (kept while the database was unavailable) into the database once it answers,
// through the same unique message ids as any delivery, then finishes each like a fresh one: processed
// and answered once. An entry the database refuses while it is up (not for being down) is set aside
// beside the journal for an operator, so it cannot hold up the rest; nothing is dropped.
import type { ChannelDeps } from "./deps.js";
import type { Journal, JournalEntry } from "../infra/journal.js";
import { storeInbound, type StoredInbound } from "../services/inbound/store-inbound.js";
import type { InboundMessage } from "../domain/message.js";
import type { ChannelAdapter } from "./answer.js";
import { pingDatabase } from "../services/health/ping-database.js";

async function storeOrSetAside(bot: ChannelDeps, journal: Journal, entry: JournalEntry, msg: InboundMessage): Promise<StoredInbound | undefined> {
  try {
    return await storeInbound(bot.db, msg);
  } catch (error) {
    await pingDatabase(bot.db); // still down: this throws, and the whole file is taken again later
    bot.log.error({ err: (error as Error).message, platform: entry.platform, msgId: entry.msgId }, "journaled message refused by the database; set aside");
    await journal.setAside(entry, (error as Error).message);
    return undefined;
  }
}

/** Replays this instance's journal; returns how many entries it moved. Throws (to be tried again) while the database is down. */
export async function replayJournal(bot: ChannelDeps, channels: ChannelAdapter[]): Promise<number> {
  const journal = bot.journal;
  if (!journal || journal.bytes() === 0) return 0;
  const byPlatform = new Map(channels.map((c) => [c.platform, c]));
  return journal.drain(async (entries) => {
    for (const entry of entries) {
      const channel = byPlatform.get(entry.platform);
      const receivedAt = new Date(entry.receivedAt);
      const msg = channel ? channel.decode(entry.payload, receivedAt) : { ...entry, receivedAt };
      const stored = await storeOrSetAside(bot, journal, entry, msg);
      // With a worker (the server) the stored row is its work; without one, it is finished here.
      if (stored && channel && !bot.worker) await channel.answer(msg, stored);
    }
    bot.worker?.kick();
    if (entries.length > 0) bot.log.info({ entries: entries.length }, "journaled messages moved into the database");
  });
}
