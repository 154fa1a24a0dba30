// Applies prisma/migrations/<stamp>_<name>/migration.sql in order and records each in _prisma_migrations
// exactly as `prisma migrate deploy` does, under Prisma's own advisory lock, so two instances starting
// together (or this and Prisma's CLI) never apply a migration twice.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export type SqlSession = {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
};

// The key Prisma's schema engine uses for pg_advisory_lock.
const PRISMA_ADVISORY_LOCK = 72707369;
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type Applied = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

async function applyOne(db: SqlSession, m: Migration): Promise<void> {
  const id = randomUUID();
  await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
    [id, m.checksum, m.name]);
  try {
    await db.exec(`BEGIN;\n${m.sql}\nCOMMIT;`);
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => undefined);
    await db.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, String(error)]);
    throw new Error(`migration ${m.name} failed: ${String(error)}`, { cause: error });
  }
  await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
}

/** Returns the names of the migrations it applied. */
export async function migrate(db: SqlSession, migrations = listMigrations()): Promise<string[]> {
  await db.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`);
  try {
    await db.exec(CREATE_TABLE);
    const rows = await db.query<Applied>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
    const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r]));
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) throw new Error(`migration ${failed.migration_name} failed earlier; resolve it before starting`);
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior && prior.checksum !== m.checksum) throw new Error(`migration ${m.name} was edited after it was applied`);
      if (prior) continue;
      await applyOne(db, m);
      applied.push(m.name);
    }
    return applied;
  } finally {
    await db.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`);
  }
}

export type MigrationStatus = { applied: { name: string; finishedAt: Date }[]; pending: string[]; failed: string[] };

/** What `migrate` would do, without doing it: applied (with when), pending, and any that failed half-way. */
export async function migrationStatus(db: SqlSession, migrations = listMigrations()): Promise<MigrationStatus> {
  const [{ present }] = await db.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  const rows = present
    ? await db.query<Applied>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`)
    : [];
  const live = rows.filter((r) => !r.rolled_back_at);
  const done = new Map(live.filter((r) => r.finished_at).map((r) => [r.migration_name, r.finished_at!]));
  return {
    applied: [...done].map(([name, finishedAt]) => ({ name, finishedAt: new Date(finishedAt) })),
    pending: migrations.map((m) => m.name).filter((name) => !done.has(name)),
    failed: live.filter((r) => !r.finished_at).map((r) => r.migration_name),
  };
}
