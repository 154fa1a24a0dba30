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

export function openTestStore(): Store & { prefix?: string } {
  if (!REDIS_URL) return createMemoryStore();
  const prefix = `${uniqueName("test")}:`;
  return Object.assign(createRedisStore(REDIS_URL, prefix), { prefix });
}

/**
 * A second server instance's view of the same database and store: its own PostgreSQL connections and
 * Redis client when the suite runs on them; the same embedded database and in-process store otherwise
 * (one process is all the embedded default supports).
 */
export function openSecondInstance(db: Database & { schema?: string }, store: Store & { prefix?: string }): { db: Database; store: Store; close(): Promise<void> } {
  if (!DATABASE_URL || !REDIS_URL) return { db, store, close: async () => undefined };
  const db2 = openDatabase({ url: DATABASE_URL, schema: db.schema });
  const store2 = createRedisStore(REDIS_URL, store.prefix);
  return { db: db2, store: store2, close: async () => (await store2.close(), await db2.close()) };
}

// WorkloadMonthTotal right after WorkloadEntry: the order a recording transaction locks them in (its
// trigger writes the totals after the entries), so a reset does not take them the other way round.
const TABLES = [
  "CardCopy", "ApiToken", "AuditLog", "ConsoleSession", "Leave", "Assessment", "SupervisionVisit", "Meeting", "MonthlyReport", "Notification", "WorkloadEntry",
  "WorkloadMonthTotal", "InboundMessage", "Target", "Filing", "ServiceElsewhere", "Posting", "Pairing", "Programme", "ChatIdentity", "Person", "Organization",
];

/**
 * Empties every table between tests. A reply the last test left in flight may still be writing; if
 * PostgreSQL picks the reset as a deadlock's victim, it is run again once that work has been aborted.
 */
export async function resetDatabase(db: Database): Promise<void> {
  const truncate = () => db.client.$executeRawUnsafe(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
  for (let attempt = 1; ; attempt++) {
    try {
      await truncate();
      return;
    } catch (error) {
      if (attempt >= 3 || !String((error as Error).message).includes("40P01")) throw error;
    }
  }
}
