// The folder a server owns on disk, and takes its lock on (data-lock.ts): on the embedded default the
// whole DATA_DIR (the database lives there); on PostgreSQL only its own journal folder, so instances on
// one machine with their own INSTANCE_ID share a DATA_DIR and the database.
import { join } from "node:path";
import type { Config } from "../config.js";

export function journalDirOf(config: Pick<Config, "JOURNAL_DIR" | "DATA_DIR" | "INSTANCE_ID">): string {
  return join(config.JOURNAL_DIR ?? join(config.DATA_DIR, "journal"), config.INSTANCE_ID);
}

export function ownedDirOf(config: Pick<Config, "DATABASE_URL" | "JOURNAL_DIR" | "DATA_DIR" | "INSTANCE_ID">): string {
  return config.DATABASE_URL ? journalDirOf(config) : config.DATA_DIR;
}

/** Where the running server listens for the CLI's commands (serve-cli.ts): a folder only its user may enter. */
export const cliSocketDir = (dataDir: string) => join(dataDir, "run");
export const cliSocketPath = (dataDir: string) => join(cliSocketDir(dataDir), "cli.sock");

/**
 * The embedded database's own folder, DATA_DIR/db: PGlite's dump (the backup) tars its whole folder,
 * and must not meet the lock, the journal or the CLI's socket.
 */
export const pgliteDirOf = (dataDir: string) => join(dataDir, "db");
