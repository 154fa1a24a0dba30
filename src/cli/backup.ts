// backup <file>: a consistent snapshot while the server runs. Embedded: PGlite's own dump of its data
// directory, taken by the process that owns it (the server, when it runs). PostgreSQL: pg_dump.
import type { Database } from "../infra/db.js";
import { createRenderer } from "../templates/render.js";
import type { CliIo } from "./io.js";
import { hasPgTool, pgDumpArgs, runPgTool } from "./pg-tools.js";

const say = createRenderer("cli");

async function snapshot(io: CliIo, db: Database): Promise<Uint8Array | undefined> {
  if (db.dump) return db.dump();
  const { url, schema = "public" } = db.connection!;
  if (!hasPgTool("pg_dump")) return io.err(say("backup.no_pg_dump", { command: `pg_dump ${pgDumpArgs("$DATABASE_URL", schema).join(" ")} --file=<文件>` })), undefined;
  return runPgTool("pg_dump", pgDumpArgs(url, schema));
}

export async function runBackup(io: CliIo, db: Database, rest: string[]): Promise<number> {
  const file = rest.find((a) => !a.startsWith("--"));
  if (!file) return io.err(say("backup.usage")), 2;
  const bytes = await snapshot(io, db);
  if (!bytes) return 1;
  await io.writeFile(file, bytes);
  io.out(say("backup.done", { file, size: (bytes.length / 1024 / 1024).toFixed(1), kind: say(`backup.kind.${db.kind}`) }));
  return 0;
}
