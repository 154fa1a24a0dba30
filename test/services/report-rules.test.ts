// Rules with two copies, held equal here: the daily bound and a recorded message's outcome, each in SQL
// (the database function record_report, migration 20261201160000) and in TypeScript (domain/quantity.ts
// overBound, services/inbound/mark-outcome.ts); and target progress, which the doctor's answer and the
// console's posting page read through measureStanding and the digest through grouped sums of many
// postings at once (services/workload/digest-figures.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backendName, openTestDatabase } from "../helpers/backends.js";
import { importSeed } from "../helpers/fixtures.js";
import { overBound } from "../../src/domain/quantity.js";
import { recordReport } from "../../src/services/workload/record-report.js";
import { markOutcome } from "../../src/services/inbound/mark-outcome.js";
import { measureStanding } from "../../src/services/workload/measure-standing.js";
import { digestFigures } from "../../src/services/workload/digest-figures.js";
import { setTargets } from "../../src/services/targets/set-targets.js";
import { fromDbDate } from "../../src/infra/time.js";

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

  it("gives the digest's 'behind target' the same progress as the doctor's standing", async () => {
    const p = await db.client.posting.findFirstOrThrow({ where: { id: posting.id } });
    await setTargets(db.client, p.programmeId, [{ metric: "lectures", minimum: 40, period: "half_year" }], { postingId: p.id });
    for (const day of ["2021-06-02", "2021-06-09", "2021-06-16"]) {
      await recordReport(db.client, { postingId: p.id, personId: p.personId, items: [{ metric: "lectures", quantity: 2, date: day }], source: "chat", rawText: "x", inboundMessageId: await inbound() });
    }
    const today = "2021-06-21";
    const { progress } = await measureStanding(db.client, { personId: p.personId, programmeId: p.programmeId, postingId: p.id, start: fromDbDate(p.startDate!), end: fromDbDate(p.endDate!), today }, undefined, true);
    const standing = progress.find((t) => t.metric === "lectures")!;
    const figures = await digestFigures(db.client, { scope: { id: p.id }, today, tz: "Asia/Shanghai" });
    const behind = figures!.behind.find((b) => b.metric === "lectures")!;
    expect([behind.done, behind.minimum]).toEqual([standing.done, standing.minimum]);
    expect(standing.done).toBe(6);
  });
});
