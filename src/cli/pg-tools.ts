// PostgreSQL's own pg_dump and pg_restore, where installed: the backup of a PostgreSQL database is
// theirs, in their custom format (compressed, restorable table by table).
import { spawn, spawnSync } from "node:child_process";

export const hasPgTool = (tool: "pg_dump" | "pg_restore") => spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;

/** The dump of one schema (the installation's own; public by default) as bytes. */
export function pgDumpArgs(url: string, schema: string): string[] {
  return ["--format=custom", "--no-owner", "--no-privileges", `--schema=${schema}`, `--dbname=${url}`];
}

/**
 * Restores the dump's entries but its CREATE SCHEMA (the schema is made beforehand, empty, so `public`
 * restores as any other); never --clean, which would drop whatever the dump names in a live database.
 */
export function pgRestoreArgs(url: string, file: string, list?: string): string[] {
  return ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", ...(list ? [`--use-list=${list}`] : []), `--dbname=${url}`, file];
}

/** The dump's table of contents (pg_restore --list) without its schema entries, and the schema its tables are in. */
export async function readDumpList(file: string): Promise<{ list: string; schema?: string }> {
  const lines = (await runPgTool("pg_restore", ["--list", file])).toString("utf8").split("\n");
  const table = lines.map((l) => /^\d+; \d+ \d+ TABLE (\S+) /.exec(l)).find(Boolean);
  return { list: lines.filter((l) => !/^\d+; \d+ \d+ SCHEMA /.test(l)).join("\n"), schema: table?.[1] };
}

/** Runs a tool; resolves with its stdout, or rejects with what it wrote to stderr. */
export function runPgTool(tool: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(err.trim() || `${tool} exited ${code}`))));
  });
}
