// The month totals the database keeps beside the ledger (WorkloadMonthTotal, by triggers): whatever
// writes the ledger (a report, 撤销, 更正, a bulk insert, a delete), they equal the ledger's own sums, and
// sums over whole months read from them agree with sums read from the ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, openTestStore } from "../helpers/backends.js";
import { importSeed } from "../helpers/fixtures.js";
import { createTestBot, linkAccount, type TestBot } from "../helpers/bot.js";
import type { Database } from "../../src/infra/db.js";
import type { Store } from "../../src/infra/store.js";
import { sumWorkload } from "../../src/services/workload/sum-workload.js";
import { sumByPosting } from "../../src/services/workload/sum-by-posting.js";
import { fromDbDate } from "../../src/infra/time.js";

describe("month totals", () => {
  let db: Database;
  let store: Store;
  let bot: TestBot;

  beforeAll(async () => {
    db = await openTestDatabase();
    store = openTestStore();
    await importSeed(db, "yubei-2021-postings", { programme: "渝北" });
    await linkAccount(db, "张灵", "zl");
    await linkAccount(db, "龙玉顺", "lys");
    bot = createTestBot(db, store, "2021-06-15T10:00:00+08:00");
  });
  afterAll(async () => {
    await store.close();
    await db.close();
  });

  /** The ledger's sums by posting, metric and month, as the month totals should hold them (zeros left out). */
  async function fromLedger(): Promise<string[]> {
    const rows = await db.client.workloadEntry.findMany({ where: { revokedAt: null } });
    const sums = new Map<string, number>();
    for (const e of rows) {
      const key = `${e.postingId}|${e.metric}|${fromDbDate(e.occurredOn).slice(0, 7)}`;
      sums.set(key, (sums.get(key) ?? 0) + e.quantity);
    }
    return [...sums].filter(([, q]) => q !== 0).map(([k, q]) => `${k}=${q}`).sort();
  }
  async function kept(): Promise<string[]> {
    const rows = await db.client.workloadMonthTotal.findMany();
    return rows.filter((r) => Math.abs(r.quantity) > 1e-9).map((r) => `${r.postingId}|${r.metric}|${fromDbDate(r.month).slice(0, 7)}=${r.quantity}`).sort();
  }

  it("follows reports, back-dated reports, 撤销 and 更正", async () => {
    expect(await bot.say("zl", "讲座+1 查房+3")).toContain("已记录");
    expect(await bot.say("zl", "6月10日 查房+2")).toContain("已记录");
    expect(await bot.say("lys", "门诊：25人次")).toContain("已记录");
    expect(await bot.say("lys", "撤销")).toContain("撤销");
    expect(await bot.say("zl", "更正 查房=5")).toMatch(/更正|改为/);
    expect(await kept()).toEqual(await fromLedger());
    expect((await kept()).length).toBeGreaterThan(0);
  });

  it("follows a bulk insert and a delete in one statement each", async () => {
    const p = await db.client.posting.findFirstOrThrow({ where: { person: { name: "龙玉顺" } } });
    const base = { postingId: p.id, personId: p.personId, source: "cli" as const, rawText: "bulk" };
    await db.client.workloadEntry.createMany({ data: Array.from({ length: 90 }, (_, i) => ({ ...base, metric: i % 2 ? "rounds" as const : "lectures" as const, quantity: 1 + (i % 3), occurredOn: new Date(Date.UTC(2021, 6, 1 + (i % 31))) })) });
    expect(await kept()).toEqual(await fromLedger());
    await db.client.workloadEntry.deleteMany({ where: { rawText: "bulk", metric: "lectures" } });
    expect(await kept()).toEqual(await fromLedger());
  });

  it("gives the same sums over whole months as the ledger alone, and over spans that cut months", async () => {
    const ledgerSum = async (from: string, to: string) => {
      const rows = await db.client.workloadEntry.groupBy({ by: ["metric"], where: { revokedAt: null, occurredOn: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } }, _sum: { quantity: true } });
      return new Map(rows.map((r) => [r.metric, r._sum.quantity]));
    };
    for (const [from, to] of [["2021-05-01", "2021-07-31"], ["2021-05-15", "2021-07-10"], ["2021-06-01", "2021-06-30"], ["2021-07-05", "2021-07-20"]]) {
      expect(await sumWorkload(db.client, { postings: {}, from, to })).toEqual(await ledgerSum(from, to));
    }
    const ids = (await db.client.posting.findMany({ select: { id: true } })).map((p) => p.id);
    const byPosting = await sumByPosting(db.client, ids, "2021-05-15", "2021-07-31");
    const byFilter = await sumByPosting(db.client, {}, "2021-05-15", "2021-07-31");
    expect(byFilter).toEqual(byPosting);
    const total = [...byPosting.values()].reduce((n, m) => n + (m.get("rounds") ?? 0), 0);
    expect(total).toBe((await ledgerSum("2021-05-15", "2021-07-31")).get("rounds"));
  });
});
