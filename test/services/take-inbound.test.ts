// The worker's take reads fewer rows than are waiting, once the planner knows a backlog is there. With
// statistics from a quiet hour (every message processed), a burst's takes read every waiting row on every
// call (100 ms with 17,000 waiting) and the worker waited on its own takes: where autovacuum is off or
// behind, the worker refreshes them (refreshInboundStatistics) when a take comes back full.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/backends.js";
import type { Database } from "../../src/infra/db.js";
import { createInboundWriter } from "../../src/services/inbound/create-inbound-writer.js";
import { takeInbound } from "../../src/services/inbound/take-inbound.js";
import { refreshInboundStatistics } from "../../src/services/inbound/refresh-inbound-statistics.js";
import type { InboundMessage } from "../../src/domain/message.js";

const message = (i: number): InboundMessage => ({
  platform: "wecom", msgId: `t-${i}`, senderId: `doctor-${i % 5000}`, text: "讲座+1", payload: { n: i }, receivedAt: new Date("2026-12-01T02:00:00Z"),
});

describe("take inbound", () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase();
    await db.ack.exec(`ALTER TABLE "InboundMessage" SET (autovacuum_enabled = false)`);
    const writer = createInboundWriter(db.ack);
    // The statistics of a quiet hour: every message processed, none waiting.
    await Promise.all(Array.from({ length: 2000 }, (_, i) => writer.store(message(100_000 + i))));
    await db.ack.exec(`UPDATE "InboundMessage" SET outcome = 'recorded'`);
    await db.ack.exec(`ANALYZE "InboundMessage"`);
    // Then a burst.
    await Promise.all(Array.from({ length: 15_000 }, (_, i) => writer.store(message(i))));
  }, 120_000);
  afterAll(() => db.close());

  it("takes each sender's oldest, in order, reading fewer rows than are waiting once the statistics are refreshed", async () => {
    await refreshInboundStatistics(db.client);
    const { taken, read } = await db.client.$transaction(async (tx) => {
      const rows = (await takeInbound(tx, { platforms: ["wecom"], n: 16, claimMs: 60_000 })).sort((a, b) => a.id - b.id);
      const [row] = await tx.$queryRawUnsafe<{ n: bigint | number }[]>(
        `SELECT pg_stat_get_xact_tuples_returned('"InboundMessage"'::regclass)
           + (SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(i.indexrelid)), 0) FROM pg_index i WHERE i.indrelid = '"InboundMessage"'::regclass) AS n`);
      return { taken: rows, read: Number(row.n) };
    });
    expect(taken.map((t) => (t.payload as { n: number }).n)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(taken[0].receivedAt).toEqual(new Date("2026-12-01T02:00:00Z"));
    // Stale, it read 244,035 rows and index entries here (every waiting row, and an anti-join of each);
    // refreshed, about 4,000: fewer than are waiting.
    expect(read).toBeLessThan(15_000);
  });
});
