// The processing worker. The acknowledgement only stores a message; this worker takes stored 'received'
// messages from the database and processes them, a bounded number at a time, so processing can never
// starve the acknowledgements of connections or memory. The table is the queue: it survives restarts,
// is shared by every instance (a message is claimed on its row, FOR UPDATE SKIP LOCKED), and needs no
// other infrastructure. Per person, messages are taken in order: a sender's next message waits until
// their earlier one is finished, on whichever instance. Messages left by a crash (their claim lapsed),
// journaled ones once replayed, and ones another instance dropped are all just 'received' rows here.
import type { ChannelDeps, InboundWorker } from "./deps.js";
import { measureInboundQueue } from "../services/health/measure-inbound-queue.js";
import { takeInbound, type Taken } from "../services/inbound/take-inbound.js";
import { claimInbound } from "../services/inbound/claim-inbound.js";
import { refreshInboundStatistics } from "../services/inbound/refresh-inbound-statistics.js";
import type { ChannelAdapter } from "./answer.js";
import type { InboundWriter } from "../services/inbound/create-inbound-writer.js";

/** How hard acknowledgements are pressing: told by the ack path's writer, in this thread or (processing thread) from the web thread. */
export type AckPressure = Pick<InboundWriter, "busy" | "flooded">;

export type WorkerOptions = { concurrency: number; pollMs: number; claimMs?: number; pressure?: AckPressure };

/** While a backlog waits: often enough that dead rows never pile up, rarely enough to cost about 1 % of the time. */
const STATISTICS_EVERY_MS = 15_000;

export function startInboundWorker(bot: ChannelDeps, channels: ChannelAdapter[], o: WorkerOptions): InboundWorker {
  const claimMs = o.claimMs ?? 60_000;
  const inFlight = new Set<Promise<void>>();
  /** Claimed and not yet started: taken a round ahead, so a burst costs a take per round, not per message. */
  const ready: Taken[] = [];
  let taking = false;
  let again = false;
  let stopped = false;
  let analyzedAt = -Infinity;

  const take = (n: number) => takeInbound(bot.db, { platforms: channels.map((c) => c.platform), n, claimMs });

  async function run(row: Taken): Promise<void> {
    const channel = channels.find((c) => c.platform === row.platform);
    try {
      await channel?.answer(channel.decode(row.payload, row.receivedAt), { id: row.id, duplicate: false, outcome: "received", claimed: true });
    } catch (error) {
      bot.log.error({ err: (error as Error).message, inbound: row.id }, "processing a message failed; it is taken again when its claim lapses");
    }
  }

  /** At most every STATISTICS_EVERY_MS, and never waited for: the take goes on with the plan it has meanwhile. */
  function refreshStatistics(): void {
    if (performance.now() - analyzedAt < STATISTICS_EVERY_MS) return;
    analyzedAt = performance.now();
    refreshInboundStatistics(bot.db).catch((error: Error) => bot.log.warn({ err: error.message }, "could not refresh the inbound table's statistics"));
  }

  /**
   * Acknowledgements come first. While they flood in, nothing is started: the flood is safe in the table
   * and is processed once it eases (the poll looks every pollMs). While they merely come in, one message
   * at a time.
   */
  const pressure = o.pressure ?? bot.writer;
  function limitNow(): number {
    if (pressure?.flooded()) return 0;
    return pressure?.busy() ? 1 : o.concurrency;
  }

  /** Taken but not started: given back, so another instance (or the next start) need not wait for the claims to lapse. */
  async function giveBack(): Promise<void> {
    await Promise.allSettled(ready.splice(0).map((row) => claimInbound(bot.db, row.id, { release: true })));
  }

  /** Starts what was taken, up to `limit` at once. */
  function startReady(limit: number): void {
    while (inFlight.size < limit && ready.length > 0) {
      const work = run(ready.shift()!).finally(() => (inFlight.delete(work), void pump()));
      inFlight.add(work);
    }
  }

  async function pump(): Promise<void> {
    if (taking) return void (again = true);
    taking = true;
    try {
      do {
        again = false;
        const limit = limitNow();
        if (stopped || channels.length === 0) break;
        if (limit === 0) {
          await giveBack(); // a flood may outlast a claim: what waits here is left for whoever is free after it
          break; // the next kick or poll looks again
        }
        startReady(limit);
        const room = limit - inFlight.size;
        if (room <= 0) break;
        // What there is room for now, and a round more. A sender's later message is not taken while an
        // earlier one waits here: it is still 'received', and takeInbound takes only a sender's oldest.
        const asked = room + o.concurrency;
        const rows = await take(asked);
        ready.push(...rows);
        if (rows.length === asked) refreshStatistics(); // a backlog: the planner must know it is there
        again = rows.length > 0;
        if (rows.length < asked) {
          startReady(limit);
          break; // nothing more waiting now: the next kick or poll looks again
        }
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
      await giveBack();
      await Promise.allSettled([...inFlight]);
    },
  };
}
