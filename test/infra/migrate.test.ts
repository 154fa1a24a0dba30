import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations } from "../../src/infra/migrate.js";
import { backendName, openTestDatabase } from "../helpers/backends.js";

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

  it("applies nothing the second time, even when several start together", async () => {
    const again = await Promise.all([db.migrate(), db.migrate(), db.migrate()]);
    expect(again).toEqual([[], [], []]);
    const [{ count }] = await db.client.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "_prisma_migrations"`);
    expect(Number(count)).toBe(listMigrations().length);
  });

  it("creates the domain tables", async () => {
    await expect(db.client.workloadEntry.count()).resolves.toBe(0);
    await expect(db.client.notification.count()).resolves.toBe(0);
  });
});
