// The acknowledgement's writer reads the inbound table by its index, never by scanning it (its first
// version joined each batch against the table, and PostgreSQL hashed every row of it on every batch: an
// acknowledgement that got slower as the table grew). What it stores and answers: channels/worker.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/backends.js";
import type { Database } from "../../src/infra/db.js";
import { createInboundWriter, FIND_STORED, INSERT_BATCH, type InboundWriter } from "../../src/services/inbound/create-inbound-writer.js";
import type { InboundMessage } from "../../src/domain/message.js";

const message = (i: number): InboundMessage => ({
  platform: "wecom", msgId: `w-${i}`, senderId: `doctor-${i % 50}`, text: "讲座+1", payload: { MsgId: `w-${i}` }, receivedAt: new Date("2026-12-01T02:00:00Z"),
});

describe("inbound writer", () => {
  let db: Database;
  let writer: InboundWriter;

  beforeAll(async () => {
    db = await openTestDatabase();
    writer = createInboundWriter(db.ack);
    await Promise.all(Array.from({ length: 5000 }, (_, i) => writer.store(message(i))));
    await db.ack.exec(`ANALYZE "InboundMessage"`);
  });
  afterAll(() => db.close());

  it("reads the table by its index, never by scanning it, whatever its size", async () => {
    const plan = async (sql: string, rows: unknown[]) =>
      (await db.ack.query<Record<string, string>>(`EXPLAIN ${sql}`, [JSON.stringify(rows)])).map((r) => Object.values(r)[0]).join("\n");
    const insert = await plan(INSERT_BATCH, [{ platform: "wecom", ext: "w-1", sender: "d", body: "x", payload: null, received: new Date().toISOString() }]);
    const find = await plan(FIND_STORED, [{ platform: "wecom", ext: "w-1" }, { platform: "wecom", ext: "w-2" }]);
    expect(insert).not.toMatch(/Seq Scan on "?InboundMessage/);
    expect(find).not.toMatch(/Seq Scan on "?InboundMessage/);
    expect(find).toMatch(/Index Scan using "?InboundMessage_platform_externalMsgId_key/);
  });

  // PostgreSQL's jsonb cannot hold NUL, so it is dropped; the text "\u0000" typed as six characters is
  // not NUL and must reach processing as typed. Dropping it from the payload's JSON text once broke the
  // escape before it: the message's payload changed, or the whole batch failed to parse and was stored
  // by none of its senders.
  it("drops NUL from a payload and keeps a typed backslash-u0000 as it is, without failing the batch", async () => {
    const typed = ["讲座+1 \\u0000 查房+2", 'a\\u0000"b', "\\\\u0000"];
    const others = [message(90_001), message(90_002)];
    const tricky = typed.map((Content, i): InboundMessage => ({ ...message(91_000 + i), text: Content, payload: { Content, Note: "x\u0000y" } }));
    const stored = await Promise.all([...others, ...tricky].map((m) => writer.store(m)));
    expect(stored.every((s) => !s.duplicate)).toBe(true);
    const rows = await db.ack.query<{ payload: { Content: string; Note: string } }>(
      `SELECT payload FROM "InboundMessage" WHERE "externalMsgId" = ANY($1) ORDER BY id`, [tricky.map((m) => m.msgId)]);
    expect(rows.map((r) => r.payload)).toEqual(typed.map((Content) => ({ Content, Note: "xy" })));
  });
});
