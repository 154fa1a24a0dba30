// The ack path's writer: every message a platform is waiting on is stored before it is acknowledged,
// and under load many wait at once, so they are stored together — one INSERT for all that are waiting,
// on connections of their own (Database.ack) that processing never holds. Each caller is answered once
// the statement that holds its row has committed. A platform's retry finds the first copy through the
// unique (platform, externalMsgId) key, as before, and is answered as a duplicate.
import type { SqlSession } from "../../infra/migrate.js";
import type { InboundOutcome, Platform } from "../../generated/prisma/client.js";
import { payloadJson, withoutNul, type StoredInbound } from "./store-inbound.js";
import type { InboundMessage } from "../../domain/message.js";

export type InboundWriter = {
  store(msg: InboundMessage): Promise<StoredInbound>;
  /**
   * True while acknowledgements are coming in (one waited on this writer within the last quarter second):
   * processing then makes room for them. Not just "a statement is running", which is false for a moment
   * between any two batches of a burst.
   */
  busy(): boolean;
  /**
   * True while acknowledgements come faster than FLOOD_PER_S: processing then stops until they ease. At
   * that rate the backlog grows whatever processing does (one instance processes a few hundred a second),
   * and every message processed meanwhile is CPU the next acknowledgement waits for.
   */
  flooded(): boolean;
};

export type WriterOptions = { clock?: () => number };

/**
 * At most this many messages in one statement, and one statement at a time: the next batch gathers while
 * one commits. Each round trip costs the server a loopback write that wakes PostgreSQL, so fewer, fuller
 * statements acknowledge more (measured with `npm run bench -- http`: 4,000/s against 3,500/s with three
 * at a time).
 */
const BATCH = 500;
const IN_FLIGHT = 1;
const BUSY_MS = 250;
/** Acknowledgements a second that make a flood: far above any roster's evening (20,000 doctors, a few each). */
export const FLOOD_PER_S = 1_000;
const HALF_SECOND = 500;

type Waiting = { msg: InboundMessage; resolve(stored: StoredInbound): void; reject(error: unknown): void };
type Row = { id: number; platform: Platform; externalMsgId: string; outcome: InboundOutcome; inserted: boolean };

/** A message as one row of the batch's JSON; its payload is serialized once, as the NUL check needs it as text anyway. */
function rowJson(m: InboundMessage): string {
  const row = JSON.stringify({ platform: m.platform, ext: withoutNul(m.msgId), sender: withoutNul(m.senderId), body: withoutNul(m.text), received: m.receivedAt.toISOString() });
  return `${row.slice(0, -1)},"payload":${payloadJson(m.payload) ?? "null"}}`;
}

/** A message's row key, as stored (NUL dropped, as storeInbound drops it). */
const keyOf = (platform: string, msgId: string) => `${platform}\u0000${withoutNul(msgId)}`;

// Only the insert: a platform's retry (a row already there) is the rare case and is found by FIND_STORED after.
// Joining the batch against the table in the same statement made PostgreSQL hash the whole table on
// every batch: an acknowledgement that got slower as the table grew.
export const INSERT_BATCH = `
  INSERT INTO "InboundMessage" (platform, "externalMsgId", "senderExternalId", text, payload, "receivedAt")
  SELECT platform, ext, sender, body, payload, received FROM jsonb_to_recordset($1::jsonb)
    AS i(platform "Platform", ext text, sender text, body text, payload jsonb, received timestamptz)
  ON CONFLICT (platform, "externalMsgId") DO NOTHING
  RETURNING id, platform, "externalMsgId", outcome, true AS inserted`;

/** Rows already there (a retry), or committed by another transaction while ours ran: one index lookup each. */
export const FIND_STORED = `SELECT m.id, m.platform, m."externalMsgId", m.outcome, false AS inserted
  FROM jsonb_to_recordset($1::jsonb) AS i(platform "Platform", ext text)
  CROSS JOIN LATERAL (SELECT * FROM "InboundMessage" m WHERE m.platform = i.platform AND m."externalMsgId" = i.ext LIMIT 1) m`;

/** Counts what happens per half second, and says whether the last full or the current one passed `limit`. */
function halfSecondRate(clock: () => number, limit: number) {
  let start = -Infinity;
  let current = 0;
  let previous = 0;
  const roll = (now: number) => {
    if (now - start < HALF_SECOND) return;
    previous = now - start < 2 * HALF_SECOND ? current : 0;
    start = now;
    current = 0;
  };
  return {
    count: () => (roll(clock()), current++),
    over: () => (roll(clock()), Math.max(current, previous) > limit),
  };
}

export function createInboundWriter(sql: SqlSession, o: WriterOptions = {}): InboundWriter {
  const clock = o.clock ?? (() => performance.now());
  const queue: Waiting[] = [];
  let running = 0;
  let lastStore = -Infinity;
  const rate = halfSecondRate(clock, (FLOOD_PER_S * HALF_SECOND) / 1000);

  async function write(batch: Waiting[]): Promise<void> {
    // One row per message id: a copy in the same batch is answered as a duplicate of the first.
    const first = new Map<string, Waiting>();
    for (const w of batch) if (!first.has(keyOf(w.msg.platform, w.msg.msgId))) first.set(keyOf(w.msg.platform, w.msg.msgId), w);
    const unique = [...first.values()].map((w) => w.msg);
    // One JSON parameter for the whole batch: the same on PostgreSQL and the embedded PGlite.
    const rows = await sql.query<Row>(INSERT_BATCH, [`[${unique.map(rowJson).join(",")}]`]);
    const byKey = new Map(rows.map((r) => [keyOf(r.platform, r.externalMsgId), r]));
    const missing = unique.filter((m) => !byKey.has(keyOf(m.platform, m.msgId)));
    if (missing.length > 0) {
      const keys = JSON.stringify(missing.map((m) => ({ platform: m.platform, ext: withoutNul(m.msgId) })));
      for (const r of await sql.query<Row>(FIND_STORED, [keys])) byKey.set(keyOf(r.platform, r.externalMsgId), r);
    }
    const answered = new Set<string>();
    for (const w of batch) {
      const key = keyOf(w.msg.platform, w.msg.msgId);
      const row = byKey.get(key);
      if (!row) {
        w.reject(new Error(`inbound message ${w.msg.msgId} neither stored nor found`));
        continue;
      }
      const duplicate = !row.inserted || answered.has(key);
      answered.add(key);
      w.resolve({ id: row.id, duplicate, outcome: row.outcome });
    }
  }

  function pump(): void {
    while (running < IN_FLIGHT && queue.length > 0) {
      const batch = queue.splice(0, BATCH);
      running++;
      write(batch)
        .catch((error) => batch.forEach((w) => w.reject(error)))
        .finally(() => {
          running--;
          pump();
        });
    }
  }

  return {
    busy: () => running > 0 || queue.length > 0 || clock() - lastStore < BUSY_MS,
    flooded: () => rate.over(),
    store: (msg) => new Promise<StoredInbound>((resolve, reject) => {
      lastStore = clock();
      rate.count();
      queue.push({ msg, resolve, reject });
      pump();
    }),
  };
}
