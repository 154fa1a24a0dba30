// Two rules that have a copy in SQL (the database function record_report, migration 20261201160000) and
// one in TypeScript, held equal here: the daily bound (domain/quantity.ts overBound) and the outcome a
// recorded message is given (services/inbound/mark-outcome.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backendName, openTestDatabase } from "../helpers/backends.js";
import { importSeed } from "../helpers/fixtures.js";
import { overBound } from "../../src/domain/quantity.js";
import { recordReport } from "../../src/services/workload/record-report.js";
import { markOutcome } from "../../src/services/inbound/mark-outcome.js";

describe(`record_report's rules against their TypeScript copies (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let posting: { id: number; personId: number };
  let n = 0;
  beforeAll(async () => {
    db = await openTestDatabase();
    await importSeed(db, "yubei-2021-postings", { programme: "渝北" });
    posting = await db.client.posting.findFirstOrThrow({ select: { id: true, personId: true } });
  });
  afterAll(async () => db.close());

  const inbound = async () => (await db.client.inboundMessage.create({ data: { platform: "console", externalMsgId: `rules-${n++}`, senderExternalId: "x", text: "t" } })).id;

  it("holds a report over the daily bound exactly when overBound says so, fractions and the bound itself included", async () => {
    const day = (i: number) => `2021-07-${String(i + 1).padStart(2, "0")}`;
    const cases: [recorded: number, adding: number, bound: number][] = [[0, 30, 30], [0, 30.5, 30], [29.99995, 0.00001, 30], [10, 20, 30], [10, 20.0001, 30], [0.1, 0.2, 0.3], [2.5, 2.5, 5]];
    for (const [i, [recorded, adding, bound]] of cases.entries()) {
      if (recorded > 0) await recordReport(db.client, { postingId: posting.id, personId: posting.personId, items: [{ metric: "donations", quantity: recorded, date: day(i) }], source: "chat", rawText: "x", inboundMessageId: await inbound() });
      const { over } = await recordReport(db.client, {
        postingId: posting.id, personId: posting.personId, items: [{ metric: "donations", quantity: adding, date: day(i) }], source: "chat", rawText: "x",
        inboundMessageId: await inbound(), dailyLimit: () => bound,
      });
      expect([recorded, adding, bound, over.length > 0]).toEqual([recorded, adding, bound, overBound(recorded, adding, bound)]);
    }
  });

  it("leaves a recorded message as markOutcome leaves one it marks recorded", async () => {
    const [bySql, byTs] = [await inbound(), await inbound()];
    await recordReport(db.client, { postingId: posting.id, personId: posting.personId, items: [{ metric: "rounds", quantity: 1, date: "2021-08-01" }], source: "chat", rawText: "x", inboundMessageId: bySql });
    await markOutcome(db.client, byTs, "recorded", { personId: posting.personId });
    const shape = async (id: number) => {
      const m = await db.client.inboundMessage.findUniqueOrThrow({ where: { id } });
      return { outcome: m.outcome, personId: m.personId, reason: m.reason, processed: m.processedAt !== null, claimedUntil: m.claimedUntil };
    };
    expect(await shape(bySql)).toEqual(await shape(byTs));
  });
});
