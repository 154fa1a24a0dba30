// One PrismaClient over PostgreSQL (DATABASE_URL) or embedded PGlite (./data): same migrations, same code.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { migrate, type SqlSession } from "./migrate.js";
import type { MessagePort } from "node:worker_threads";
import { pgliteOverPort, servePglite } from "./pglite-bridge.js";

/** The client or a transaction: services take this as their first parameter. */
export type Db = Prisma.TransactionClient;

/** The client itself, for services that open a transaction; the rest of the code only passes it along. */
export type DbClient = PrismaClient;

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export type Database = {
  kind: "postgres" | "pglite";
  client: PrismaClient;
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  /**
   * Plain SQL on connections of its own (PostgreSQL: a small pool beside Prisma's), for the ack path:
   * storing what a platform is waiting on must never queue behind the processing of earlier messages.
   */
  ack: SqlSession;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PostgreSQL: where it is, for pg_dump (cli/backup.ts). */
  connection?: { url: string; schema?: string };
  /** PGlite: a consistent snapshot of the data directory (a gzipped tarball), taken by its owner. */
  dump?(): Promise<Uint8Array>;
  /** PGlite: serves this database to another thread on `port` (infra/pglite-bridge.ts) until the port closes. */
  serve?(port: MessagePort): Promise<{ close(): Promise<void> }>;
};

/**
 * The database could not be reached or answered too late (Prisma's P1xxx connection errors and its pool
 * timeout): the caller should hear 503 and try again, not 500.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Prisma.PrismaClientInitializationError
    || (error instanceof Prisma.PrismaClientKnownRequestError && (/^P1\d{3}$/.test(code as string) || code === "P2024"));
}

export type DatabaseOptions = { url?: string; schema?: string; dataDir?: string };

function pgSession(client: pg.Client): SqlSession {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}

function openPostgres(url: string, schema?: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  pool.on("error", () => undefined); // an idle client dropped by the server; the next query reconnects
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema }) });
  let ackPool: pg.Pool | undefined;
  // The ack path's few statements are prepared, once per connection (pg keeps track): parsing and
  // planning the batch's INSERT on every round trip was a quarter of PostgreSQL's time per message
  // (measured at 10 messages a batch: 47 against 34 µs of PostgreSQL's CPU a message).
  const statements = new Map<string, string>();
  const statementName = (sql: string) => {
    let name = statements.get(sql);
    if (!name) statements.set(sql, (name = `duikou_ack_${statements.size + 1}`));
    return name;
  };
  const ack = () => {
    if (!ackPool) {
      ackPool = new pg.Pool({ connectionString: url, max: 4, options: schema ? `-c search_path=${schema}` : undefined });
      ackPool.on("error", () => undefined);
    }
    return ackPool;
  };
  return {
    kind: "postgres",
    client: prisma,
    connection: { url, schema },
    async migrate() {
      // A session of its own: the advisory lock is held per connection.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"`);
        return await migrate(pgSession(client));
      } finally {
        await client.end();
      }
    },
    ack: {
      exec: async (sql) => void (await ack().query(sql)),
      query: async <T>(sql: string, params?: unknown[]) => (await ack().query({ name: statementName(sql), text: sql, values: params })).rows as T[],
    },
    ping: async () => void (await pool.query("SELECT 1")),
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
      await ackPool?.end().catch(() => undefined);
    },
  };
}

/**
 * PostgreSQL's settings for the embedded database. shared_buffers is PostgreSQL's default 128 MB, which
 * PGlite holds inside the process's own memory: 16 MB is ample for one county's records and took an
 * idle server from 800 to under 200 MB (npm run bench -- memory).
 */
export const PGLITE_CONF = ["shared_buffers = 16MB", "work_mem = 2MB", "maintenance_work_mem = 16MB", "wal_buffers = 1MB"].join("\n");

/**
 * A new data directory is made (initdb) in a child process: WebAssembly memory never shrinks, and
 * initdb's peak (about 700 MB) would otherwise stay with the server for as long as it runs.
 */
function initPgliteInChild(dataDir: string): void {
  const script = `import(${JSON.stringify(import.meta.resolve("@electric-sql/pglite"))}).then(async ({ PGlite }) => {
    const lite = new PGlite(${JSON.stringify(dataDir)}, { postgresqlconf: ${JSON.stringify(PGLITE_CONF)} });
    await lite.query("SELECT 1");
    await lite.close();
  })`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (run.status !== 0) throw new Error(`could not create the embedded database in ${dataDir}: ${run.stderr.trim()}`);
}

function openPglite(dataDir: string): Database {
  if (dataDir !== "memory://") {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, "PG_VERSION"))) initPgliteInChild(dataDir);
  }
  const lite = new PGlite(dataDir, { postgresqlconf: PGLITE_CONF });
  const factory = new PrismaPGlite(lite);
  const prisma = new PrismaClient({ adapter: factory });
  const session: SqlSession = {
    exec: async (sql) => void (await lite.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await lite.query<T>(sql, params)).rows,
  };
  return {
    kind: "pglite",
    client: prisma,
    migrate: () => migrate(session),
    ack: session, // one embedded database, one connection: nothing to keep apart
    ping: async () => void (await lite.query("SELECT 1")),
    dump: async () => {
      await lite.waitReady;
      return new Uint8Array(await (await lite.dumpDataDir("gzip")).arrayBuffer());
    },
    serve: async (port) => servePglite(await factory.connect(), port),
    close: async () => {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}

/**
 * The embedded database from the processing thread: its owner (the web thread) serves it on `port`. It is
 * migrated by its owner before this is opened, and dumped only there.
 */
export function openPgliteOverPort(port: MessagePort): Database {
  const prisma = new PrismaClient({ adapter: pgliteOverPort(port) });
  const session: SqlSession = {
    exec: async (sql) => void (await prisma.$executeRawUnsafe(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => prisma.$queryRawUnsafe<T[]>(sql, ...params),
  };
  return {
    kind: "pglite",
    client: prisma,
    migrate: async () => [],
    ack: session,
    ping: async () => void (await prisma.$queryRawUnsafe("SELECT 1")),
    close: async () => {
      await prisma.$disconnect();
      port.close();
    },
  };
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.url) return openPostgres(options.url, options.schema);
  return openPglite(options.dataDir ?? "./data");
}
