// The CLI's commands that use the database, each loading its module when it runs. They run where the
// database is owned: in the CLI's own process, or inside the running server (serve-cli.ts), with the
// same CliIo either way.
import { basename, extname } from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import type { Database } from "../infra/db.js";
import type { Logger } from "../infra/logger.js";
import type { Store } from "../infra/store.js";
import type { CliIo } from "./io.js";
import { localDate } from "../infra/time.js";

export type CommandContext = { config: Config; log: Logger; db: Database; store: Store; io: CliIo };
type Command = (c: CommandContext, rest: string[]) => Promise<number>;

/** Whether the CLI, opening the database itself, applies pending migrations before the command. */
export function migratesFirst(command: string): boolean {
  return command !== "backup" && command !== "migrate"; // migrate applies, or only lists (--status)
}

export const COMMANDS: Record<string, Command> = {
  migrate: async ({ db, io }, rest) => (await import("./migrate.js")).runMigrate(io, db, rest),
  import: async ({ config, db, io }, rest) => {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { program: { type: "string" }, start: { type: "string" }, end: { type: "string" }, create: { type: "boolean" } } });
    const file = positionals[0];
    const programme = values.program ?? (file ? basename(file, extname(file)) : "");
    return (await import("./import.js")).runImport(io, db.client, { file, programme, start: values.start, end: values.end, create: values.create ?? false, today: localDate(new Date(), config.TZ_NAME) });
  },
  chat: async ({ config, log, db, store, io }, rest) => {
    const { values } = parseArgs({ args: rest, options: { as: { type: "string" } } });
    const { reminderSettings } = await import("../compose.js");
    const deps = { db: db.client, store, log, tz: config.TZ_NAME, now: () => new Date(), dailyLimits: config.dailyLimits, publicUrl: config.publicUrl, reminders: reminderSettings(config) };
    return (await import("./chat.js")).runChat(io, deps, values.as);
  },
  targets: async ({ config, db, io }, rest) => (await import("./targets.js")).runTargets(io, db.client, rest, localDate(new Date(), config.TZ_NAME)),
  people: async ({ db, io }, rest) => (await import("./people.js")).runPeople(io, db.client, rest),
  filings: async ({ config, db, io }, rest) => (await import("./filings.js")).runFilings(io, db.client, rest, localDate(new Date(), config.TZ_NAME)),
  jobs: async ({ config, log, db, store, io }, rest) => {
    const { createDingtalkSender, createScheduleDeps, createWecomClient } = await import("../compose.js");
    const channels = { wecom: createWecomClient(config, store, log), dingtalk: createDingtalkSender(config, store, log) };
    return (await import("./jobs.js")).runJobs(io, createScheduleDeps(config, { db: db.client, store, log, ...channels }), rest);
  },
  export: async ({ config, db, io }, rest) => (await import("./export.js")).runExport(io, db.client, rest, config.TZ_NAME),
  tokens: async ({ db, io }, rest) => (await import("./tokens.js")).runTokens(io, db.client, rest),
  programme: async ({ db, io }, rest) => (await import("./programme.js")).runProgramme(io, db.client, rest),
  "login-link": async ({ config, db, io }, rest) => {
    const { values } = parseArgs({ args: rest, options: { as: { type: "string" } } });
    return (await import("./login-link.js")).runLoginLink(io, db.client, config.publicUrl, values.as);
  },
  backup: async ({ db, io }, rest) => (await import("./backup.js")).runBackup(io, db, rest),
};
