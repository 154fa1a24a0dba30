import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations } from "../../src/infra/migrate.js";
import pg from "pg";
import { backendName, DATABASE_URL, openTestDatabase } from "../helpers/backends.js";
import { isolatedEnv, runCli } from "../helpers/processes.js";

type Row = { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number };

describe(`migrations (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(() => db.close());

  it("records every migration in _prisma_migrations the way prisma migrate deploy does", async () => {
    const rows = await db.client.$queryRawUnsafe<Row[]>(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
    const files = listMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(files[i].checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    expect(await db.migrate()).toEqual([]);
    const [{ count }] = await db.client.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "_prisma_migrations"`);
    expect(Number(count)).toBe(listMigrations().length);
  });

  // Two instances started together on an empty database: one applies every migration, the other waits
  // for it (PostgreSQL's advisory lock) and applies none. PGlite is one process's database, so there the
  // second start comes after the first.
  it(DATABASE_URL ? "migrates a fresh schema once when two processes start together" : "migrates a fresh data directory once, then finds it up to date", async () => {
    const env = isolatedEnv();
    const runs = DATABASE_URL
      ? await Promise.all([runCli(["migrate"], { env }), runCli(["migrate"], { env })])
      : [await runCli(["migrate"], { env }), await runCli(["migrate"], { env })];
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const outputs = runs.map((r) => r.stdout).sort();
    expect(outputs[0]).toContain(`已执行数据库迁移：${listMigrations().map((m) => m.name).join(", ")}`);
    expect(outputs[1]).toContain("数据库已是最新");
    if (!DATABASE_URL) return;
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT migration_name FROM "${env.DATABASE_SCHEMA}"."_prisma_migrations" ORDER BY migration_name`);
      expect(rows.map((r: { migration_name: string }) => r.migration_name)).toEqual(listMigrations().map((m) => m.name));
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${env.DATABASE_SCHEMA}" CASCADE`);
      await client.end();
    }
  });

  it("creates the domain tables", async () => {
    await expect(db.client.workloadEntry.count()).resolves.toBe(0);
    await expect(db.client.notification.count()).resolves.toBe(0);
  });
});
