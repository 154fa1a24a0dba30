// Builds the database and store from config: the one place that chooses embedded or PostgreSQL + Redis.
import type { Config } from "../config.js";
import { openDatabase, type Database } from "./db.js";
import { createMemoryStore } from "./memory-store.js";
import { createRedisStore } from "./redis-store.js";
import type { Store } from "./store.js";
import { moveLegacyPglite } from "./move-legacy-pglite.js";
import { pgliteDirOf } from "./owned-dir.js";

export function openStore(config: Pick<Config, "REDIS_URL" | "REDIS_PREFIX">): Store {
  return config.REDIS_URL ? createRedisStore(config.REDIS_URL, config.REDIS_PREFIX) : createMemoryStore();
}

/** The installation's database, unmigrated; the caller holds DATA_DIR's lock on the embedded default. */
export function openInstalledDatabase(config: Pick<Config, "DATABASE_URL" | "DATABASE_SCHEMA" | "DATA_DIR">): Database {
  if (config.DATABASE_URL) return openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  moveLegacyPglite(config.DATA_DIR);
  return openDatabase({ dataDir: pgliteDirOf(config.DATA_DIR) });
}

export async function openMigratedDatabase(config: Pick<Config, "DATABASE_URL" | "DATABASE_SCHEMA" | "DATA_DIR">): Promise<{ db: Database; applied: string[] }> {
  const db = openInstalledDatabase(config);
  const applied = await db.migrate();
  return { db, applied };
}
