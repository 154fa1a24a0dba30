// The processing worker. The acknowledgement only stores a message; this worker takes stored 'received'
// messages from the database and processes them, a bounded number at a time, so processing can never
// starve the acknowledgements of connections or memory. The table is the queue: it survives restarts,
// is shared by every instance (a message is claimed on its row, FOR UPDATE SKIP LOCKED), and needs no
// other infrastructure. Per person, messages are taken in order: a sender's next message waits until
// their earlier one is finished, on whichever instance. Messages left by a crash (their claim lapsed),
// journaled ones once replayed, and ones another instance dropped are all just 'received' rows here.
import type { ChannelDeps, InboundWorker } from "./deps.js";
import { measureInboundQueue } from "../services/measure-inbound-queue.js";
import { takeInbound, type Taken } from "../services/take-inbound.js";
import type { ChannelAdapter } from "./answer.js";

export type WorkerOptions = { concurrency: number; pollMs: number; claimMs?: number };

export function startInboundWorker(bot: ChannelDeps, channels: ChannelAdapter[], o: WorkerOptions): InboundWorker {
  const claimMs = o.claimMs ?? 60_000;
  const inFlight = new Set<Promise<void>>();
  let taking = false;
  let again = false;
  let stopped = false;

  const take = (n: number) => takeInbound(bot.db, { platforms: channels.map((c) => c.platform), n, claimMs });

  async function run(row: Taken): Promise<void> {
    const channel = channels.find((c) => c.platform === row.platform);
    try {
      await channel?.answer(channel.decode(row.payload, row.receivedAt), { id: row.id, duplicate: false, outcome: "received", claimed: true });
    } catch (error) {
      bot.log.error({ err: (error as Error).message, inbound: row.id }, "processing a message failed; it is taken again when its claim lapses");
    }
  }

  async function pump(): Promise<void> {
    if (taking) return void (again = true);
    taking = true;
    try {
      do {
        again = false;
        // Acknowledgements come first: while platforms are waiting on the writer, process a quarter as many.
        const limit = bot.writer?.busy() ? Math.max(1, Math.floor(o.concurrency / 4)) : o.concurrency;
        const room = limit - inFlight.size;
        if (stopped || room <= 0 || channels.length === 0) break;
        const rows = await take(room);
        for (const row of rows) {
          const work = run(row).finally(() => (inFlight.delete(work), void pump()));
          inFlight.add(work);
        }
        if (rows.length === room) again = true;
      } while (again);
    } catch (error) {
      bot.log.warn({ err: (error as Error).message }, "inbound worker could not take messages; trying again at the next poll");
    } finally {
      taking = false;
    }
  }

  const timer = setInterval(() => void pump(), o.pollMs);
  timer.unref();
  void pump();

  return {
    kick: () => void pump(),
    inFlight: () => inFlight.size,
    depth: () => measureInboundQueue(bot.db),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
