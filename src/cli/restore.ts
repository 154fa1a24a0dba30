// restore <file>: a backup into an empty data directory (embedded) or an empty schema (PostgreSQL),
// refusing one that holds anything: a restore never mixes into, or replaces, a live installation.
// Run with the server stopped; on the embedded default the data lock makes sure of it.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pgliteDirOf } from "../infra/owned-dir.js";
import type { Config } from "../config.js";
import { DataDirLocked, takeDataLock } from "../infra/data-lock.js";
import { createRenderer } from "../templates/render.js";
import { FileError } from "../infra/files.js";
import type { CliIo } from "./io.js";
import { hasPgTool, pgRestoreArgs, readDumpList, runPgTool } from "./pg-tools.js";

const say = createRenderer("cli");
const MAX_BACKUP_BYTES = 2 * 1024 * 1024 * 1024;

type Kind = "pglite" | "postgres";
// A PGlite dump is a gzipped tarball; pg_dump's custom format starts with PGDMP.
function kindOf(head: Buffer): Kind | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  if (head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres";
  return undefined;
}

// The lock and the CLI's socket folder are ours; anything else means an installation is here.
const isEmptyDataDir = (dir: string) => readdirSync(dir).every((name) => name === "duikou.lock" || name === "run" || (name === "journal" && readdirSync(join(dir, name)).length === 0));

async function restorePglite(io: CliIo, config: Config, bytes: Buffer): Promise<number> {
  const lock = takeDataLock(config.DATA_DIR, "cli");
  try {
    if (!isEmptyDataDir(config.DATA_DIR)) return io.err(say("restore.not_empty", { target: config.DATA_DIR })), 1;
    const { PGlite } = await import("@electric-sql/pglite");
    const lite = new PGlite(pgliteDirOf(config.DATA_DIR), { loadDataDir: new Blob([new Uint8Array(bytes)]) });
    const [{ count }] = (await lite.query<{ count: number }>(`SELECT count(*)::int AS count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)).rows;
    await lite.close();
    io.out(say("restore.done", { target: config.DATA_DIR, migrations: count }));
    return 0;
  } finally {
    lock.release();
  }
}

/** The database a message names, without the password its URL may carry (terminals and logs keep what they show). */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

async function restorePostgres(io: CliIo, config: Config, file: string): Promise<number> {
  const schema = config.DATABASE_SCHEMA ?? "public";
  const target = `${withoutPassword(config.DATABASE_URL!)} (${schema})`;
  if (!hasPgTool("pg_restore")) return io.err(say("restore.no_pg_restore", { command: `pg_restore ${pgRestoreArgs("$DATABASE_URL", file).join(" ")}` })), 1;
  const dump = await readDumpList(file);
  if (dump.schema && dump.schema !== schema) return io.err(say("restore.other_schema", { file, schema: dump.schema })), 1;
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = $1`, [schema]);
    if (rows[0].count > 0) return io.err(say("restore.not_empty", { target })), 1;
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const listDir = mkdtempSync(join(tmpdir(), "duikou-restore-"));
    writeFileSync(join(listDir, "list"), dump.list);
    await runPgTool("pg_restore", pgRestoreArgs(config.DATABASE_URL!, file, join(listDir, "list"))).finally(() => rmSync(listDir, { recursive: true, force: true }));
    const restored = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM "${schema}"."_prisma_migrations" WHERE finished_at IS NOT NULL`);
    io.out(say("restore.done", { target, migrations: restored.rows[0].count }));
    return 0;
  } finally {
    await client.end();
  }
}

export async function runRestore(io: CliIo, config: Config, rest: string[]): Promise<number> {
  const file = rest.find((a) => !a.startsWith("--"));
  if (!file) return io.err(say("restore.usage")), 2;
  let bytes: Buffer;
  try {
    bytes = await io.readFile(file, MAX_BACKUP_BYTES);
  } catch (error) {
    if (error instanceof FileError) return io.err(say("restore.unreadable", { file, reason: error.message })), 1;
    throw error;
  }
  const kind = kindOf(bytes);
  const want: Kind = config.DATABASE_URL ? "postgres" : "pglite";
  if (kind !== want) return io.err(say("restore.wrong_kind", { file, kind: say(`backup.kind.${want}`) })), 1;
  try {
    return want === "pglite" ? await restorePglite(io, config, bytes) : await restorePostgres(io, config, file);
  } catch (error) {
    if (error instanceof DataDirLocked) throw error; // the CLI names the process holding it
    return io.err(say("restore.failed", { file, reason: (error as Error).message })), 1;
  }
}
