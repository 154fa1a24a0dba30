// Finding who sent a message is the first thing every message asks, so it must not grow with the roster:
// it reads the chat account by the unique index on (platform, externalUserId). It once compared the
// platform as text, and every message scanned every chat account of the roster: against that, this
// failed on PostgreSQL (2,001 rows read) and passed on PGlite, whose planner chose differently there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/backends.js";
import type { Database } from "../../src/infra/db.js";
import { importRoster } from "../../src/services/programme/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { findSender } from "../../src/services/people/find-sender.js";

describe("find sender", () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase();
    const table = [["支援单位", "受援单位", "受援单位联系人", "姓名", "联系电话", "开始日期", "结束日期", "企业微信账号"]];
    for (let i = 0; i < 2000; i++) table.push([`支援医院${i % 5}`, `卫生院${i % 50}`, `联系人${i % 50}`, `医生${i}`, `137${String(i).padStart(8, "0")}`, "2026-01-01", "2026-12-31", `doc-${i}`]);
    await importRoster(db.client, parseRoster(table), { programme: "测试", create: true });
    await db.client.$executeRawUnsafe(`ANALYZE "ChatIdentity"`);
  }, 120_000);
  afterAll(() => db.close());

  it("finds the sender, their posting and its targets without scanning the chat accounts", async () => {
    // The statistics of this transaction's own statements: rows and index entries of ChatIdentity read.
    const read = await db.client.$transaction(async (tx) => {
      const sender = await findSender(tx, "wecom", "doc-1234", "2026-06-15");
      expect(sender).toMatchObject({ name: "医生1234", posting: { start: "2026-01-01", end: "2026-12-31", targets: [] } });
      expect(await findSender(tx, "wecom", "doc-1234")).toMatchObject({ name: "医生1234" });
      const [row] = await tx.$queryRawUnsafe<{ n: bigint | number }[]>(
        `SELECT pg_stat_get_xact_tuples_returned('"ChatIdentity"'::regclass)
           + (SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(i.indexrelid)), 0) FROM pg_index i WHERE i.indrelid = '"ChatIdentity"'::regclass) AS n`);
      return Number(row.n);
    });
    expect(read).toBeLessThan(10);
  });
});
