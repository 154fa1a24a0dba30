// npm run cli -- <command>: migrate, import, chat, targets, people, jobs, export, tokens, programme, login-link. Output for people is Chinese (templates/cli.json).
// Each command loads only what it uses (a dynamic import per command): `help` and `jobs list` open no
// database and load no form or chart library, so they answer at once.
import { parseArgs } from "node:util";
import { basename, extname } from "node:path";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger, type Logger } from "./infra/logger.js";
import { createRenderer } from "./templates/render.js";

const say = createRenderer("cli");

type Opened = Awaited<ReturnType<typeof import("./infra/open.js").openMigratedDatabase>> & { store: import("./infra/store.js").Store };

async function withDatabase(config: Config, run: (o: Opened) => Promise<number>): Promise<number> {
  const { openMigratedDatabase, openStore } = await import("./infra/open.js");
  const opened = { ...(await openMigratedDatabase(config)), store: openStore(config) };
  try {
    return await run(opened);
  } finally {
    await opened.store.close();
    await opened.db.close();
  }
}

/** The commands that need the database; each imports its module when it runs. */
const COMMANDS: Record<string, (config: Config, log: Logger, rest: string[], o: Opened) => Promise<number>> = {
  migrate: async (_c, _l, _r, { applied }) => {
    console.log(applied.length > 0 ? say("migrate.applied", { names: applied.join(", ") }) : say("migrate.none"));
    return 0;
  },
  import: async (_c, _l, rest, { db }) => {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { program: { type: "string" }, start: { type: "string" }, end: { type: "string" } } });
    const file = positionals[0];
    const programme = values.program ?? (file ? basename(file, extname(file)) : "");
    return (await import("./cli/import.js")).runImport(db.client, { file, programme, start: values.start, end: values.end });
  },
  chat: async (config, log, rest, { db, store }) => {
    const { values } = parseArgs({ args: rest, options: { as: { type: "string" } } });
    const { reminderSettings } = await import("./compose.js");
    const deps = { db: db.client, store, log, tz: config.TZ_NAME, now: () => new Date(), dailyLimits: config.dailyLimits, publicUrl: config.publicUrl, reminders: reminderSettings(config) };
    return (await import("./cli/chat.js")).runChat(deps, values.as);
  },
  targets: async (_c, _l, rest, { db }) => (await import("./cli/targets.js")).runTargets(db.client, rest),
  people: async (_c, _l, rest, { db }) => (await import("./cli/people.js")).runPeople(db.client, rest),
  jobs: async (config, log, rest, { db, store }) => {
    const { createDingtalkSender, createScheduleDeps, createWecomClient } = await import("./compose.js");
    const channels = { wecom: createWecomClient(config, store, log), dingtalk: createDingtalkSender(config, store, log) };
    return (await import("./cli/jobs.js")).runJobs(createScheduleDeps(config, { db: db.client, store, log, ...channels }), rest);
  },
  export: async (config, _l, rest, { db }) => (await import("./cli/export.js")).runExport(db.client, rest, config.TZ_NAME),
  tokens: async (_c, _l, rest, { db }) => (await import("./cli/tokens.js")).runTokens(db.client, rest),
  programme: async (_c, _l, rest, { db }) => (await import("./cli/programme.js")).runProgramme(db.client, rest),
  "login-link": async (config, _l, rest, { db }) => {
    const { values } = parseArgs({ args: rest, options: { as: { type: "string" } } });
    return (await import("./cli/login-link.js")).runLoginLink(db.client, config.publicUrl, values.as);
  },
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, process.stderr);
  if (!command || command === "help" || command === "--help") {
    console.log(say("usage"));
    return command ? 0 : 2;
  }
  if (command === "jobs" && rest[0] === "list") return (await import("./cli/job-list.js")).printJobList();
  const run = COMMANDS[command];
  if (!run) {
    console.error(say("usage"));
    return 2;
  }
  return withDatabase(config, (opened) => run(config, log, rest, opened));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
