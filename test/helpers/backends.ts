// The suite runs on whatever the environment names: PostgreSQL + Redis when DATABASE_URL / REDIS_URL
// are set (CI runs it that way too), embedded PGlite + the in-process store otherwise. Same tests.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/infra/db.js";
import { createMemoryStore } from "../../src/infra/memory-store.js";
import { createRedisStore } from "../../src/infra/redis-store.js";
import type { Store } from "../../src/infra/store.js";

export const DATABASE_URL = process.env.DATABASE_URL || undefined;
export const REDIS_URL = process.env.REDIS_URL || undefined;
export const backendName = `${DATABASE_URL ? "postgres" : "pglite"}+${REDIS_URL ? "redis" : "memory"}`;

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(5).toString("hex")}`;

/** A fresh, migrated database: its own schema on PostgreSQL, an in-memory PGlite otherwise. */
export async function openTestDatabase(): Promise<Database & { schema?: string }> {
  if (!DATABASE_URL) {
    const db = openDatabase({ dataDir: "memory://" });
    await db.migrate();
    return db;
  }
  const schema = uniqueName("test");
  const db = openDatabase({ url: DATABASE_URL, schema });
  await db.migrate();
  return {
    ...db,
    schema,
    async close() {
      await db.close();
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

export function openTestStore(): Store {
  return REDIS_URL ? createRedisStore(REDIS_URL, `${uniqueName("test")}:`) : createMemoryStore();
}

const TABLES = [
  "AuditLog", "Leave", "Assessment", "SupervisionVisit", "Meeting", "MonthlyReport", "Notification", "WorkloadEntry",
  "InboundMessage", "Target", "Posting", "Pairing", "Programme", "ChatIdentity", "Person", "Organization",
];

export async function resetDatabase(db: Database): Promise<void> {
  await db.prisma.$executeRawUnsafe(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
}
