// migrate [--status]: applies the pending migrations (the server does so at every start), or only lists
// what is applied and what is pending, for the upgrade steps (README: Upgrading).
import type { Database } from "../infra/db.js";
import { migrationStatus } from "../infra/migrate.js";
import { dayjs } from "../infra/time.js";
import { createRenderer } from "../templates/render.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");

async function printStatus(io: CliIo, db: Database): Promise<number> {
  const status = await migrationStatus(db.ack);
  for (const m of status.applied) io.out(say("migrate.status.applied", { name: m.name, at: dayjs(m.finishedAt).format("YYYY-MM-DD HH:mm") }));
  for (const name of status.failed) io.out(say("migrate.status.failed", { name }));
  for (const name of status.pending) io.out(say("migrate.status.pending", { name }));
  io.out(say("migrate.status.summary", { applied: status.applied.length, pending: status.pending.length }));
  return status.failed.length > 0 ? 1 : 0;
}

export async function runMigrate(io: CliIo, db: Database, rest: string[]): Promise<number> {
  if (rest.includes("--status")) return printStatus(io, db);
  const applied = await db.migrate();
  io.out(applied.length > 0 ? say("migrate.applied", { names: applied.join(", ") }) : say("migrate.none"));
  return 0;
}
