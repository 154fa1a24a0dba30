// Builds the database and store from config: the one place that chooses embedded or PostgreSQL + Redis.
import type { Config } from "../config.js";
import { openDatabase, type Database } from "./db.js";
import { createMemoryStore } from "./memory-store.js";
import { createRedisStore } from "./redis-store.js";
import type { Store } from "./store.js";

export function openStore(config: Pick<Config, "REDIS_URL" | "REDIS_PREFIX">): Store {
  return config.REDIS_URL ? createRedisStore(config.REDIS_URL, config.REDIS_PREFIX) : createMemoryStore();
}

export async function openMigratedDatabase(config: Pick<Config, "DATABASE_URL" | "DATABASE_SCHEMA" | "DATA_DIR">): Promise<{ db: Database; applied: string[] }> {
  const db = openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, dataDir: config.DATA_DIR });
  const applied = await db.migrate();
  return { db, applied };
}
