// Answers to a WeCom member wait for their turn in WeCom's per-member pace (30 a minute, 1,000 an hour,
// member-pace.ts) here, not in the worker: the worker records the member's next message while an answer
// waits, so a burst of 200 reports is recorded as fast as the database allows. Answers that wait together
// go as one message (as many as fit in WeCom's 2,048 bytes), so a doctor who sent 40 reports in a minute
// reads the last ten receipts in one message instead of waiting ten minutes for them one by one.
// A queue lives in its process: what waits when the process stops is logged, not sent (the reports
// themselves are recorded).
import type { Card } from "../../cards/card.js";
import type { Logger } from "../../infra/logger.js";
import { MAX_TEXT_BYTES, type WecomApi } from "./api.js";
import { sendCardOrText } from "./send.js";
import { splitText } from "./split-text.js";

type Item = { text: string } | { card: Card };

export type AnswerQueue = {
  /** Queues the answers to one member, in order; resolves at once (the sending happens after). */
  answer(userId: string, items: Item[]): void;
  /** Answers still waiting, for shutdown's log line. */
  waiting(): number;
  /** Resolves once every member's answers have gone (shutdown waits for it within its grace). */
  drained(): Promise<void>;
};

export type AnswerQueueOptions = {
  api: WecomApi; log: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Each member's sending, for tests and shutdown to await. */
  track?: (work: Promise<void>) => void;
};

const MERGE_SEPARATOR = "\n\n";

/** The next message to send: one card, or as many waiting texts as fit in one message. */
function takeNext(items: Item[]): Item {
  const first = items.shift()!;
  if (!("text" in first)) return first;
  let text = first.text;
  while (items[0] && "text" in items[0] && Buffer.byteLength(text + MERGE_SEPARATOR + items[0].text) <= MAX_TEXT_BYTES) {
    text += MERGE_SEPARATOR + (items.shift() as { text: string }).text;
  }
  return { text };
}

export function createAnswerQueue(o: AnswerQueueOptions): AnswerQueue {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const queues = new Map<string, Item[]>();
  const running = new Set<Promise<void>>();

  async function send(userId: string, item: Item): Promise<void> {
    if ("text" in item) await o.api.reserved.sendText(userId, item.text);
    else await sendCardOrText(o.api.reserved, o.log, userId, item.card);
  }

  async function flush(userId: string, items: Item[]): Promise<void> {
    while (items.length > 0) {
      const wait = await o.api.reserveSlot(userId).catch((error: Error) => (o.log.warn({ err: error.message }, "wecom pace unreadable; sending"), 0));
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      const next = takeNext(items);
      await send(userId, next).catch((error: Error) => o.log.error({ err: error, platform: "wecom" }, "answer not sent"));
    }
    queues.delete(userId);
  }

  return {
    answer(userId, items) {
      // Long texts are split first: each queued text is one message, one slot.
      const parts = items.flatMap((i): Item[] => ("text" in i ? splitText(i.text, MAX_TEXT_BYTES).map((text) => ({ text })) : [i]));
      if (parts.length === 0) return;
      const queued = queues.get(userId);
      if (queued) return void queued.push(...parts);
      const fresh = [...parts];
      queues.set(userId, fresh);
      const work = flush(userId, fresh);
      running.add(work);
      void work.finally(() => running.delete(work));
      o.track?.(work);
    },
    waiting: () => [...queues.values()].reduce((n, q) => n + q.length, 0),
    async drained() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
