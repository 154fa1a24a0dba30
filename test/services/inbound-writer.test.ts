// The acknowledgement's writer reads the inbound table by its index, never by scanning it (its first
// version joined each batch against the table, and PostgreSQL hashed every row of it on every batch: an
// acknowledgement that got slower as the table grew). What it stores and answers: channels/worker.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/backends.js";
import type { Database } from "../../src/infra/db.js";
import { createInboundWriter, FIND_STORED, INSERT_BATCH, type InboundWriter } from "../../src/services/create-inbound-writer.js";
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
});
