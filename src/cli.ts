// npm run cli -- <command>: migrate, import, chat, targets, people, jobs, export, tokens, programme,
// login-link, backup, restore. Output for people is Chinese (templates/cli.json).
// Each command loads only what it uses (a dynamic import per command): `help` and `jobs list` open no
// database and load no form or chart library, so they answer at once.
// On the embedded database a running server owns DATA_DIR: the command is handed to it (cli/serve-cli.ts);
// otherwise the CLI takes DATA_DIR itself for the length of the command (infra/data-lock.ts).
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger, type Logger } from "./infra/logger.js";
import { createRenderer } from "./templates/render.js";
import { DataDirLocked, findLockOwner, takeDataLock } from "./infra/data-lock.js";
import { cliSocketPath, ownedDirOf } from "./infra/owned-dir.js";
import { localIo } from "./cli/io.js";
import { migratesFirst, type CommandContext } from "./cli/commands.js";

const say = createRenderer("cli");

async function runHere(config: Config, log: Logger, command: string, rest: string[]): Promise<number> {
  const { COMMANDS } = await import("./cli/commands.js");
  const { openInstalledDatabase, openStore } = await import("./infra/open.js");
  const db = openInstalledDatabase(config);
  const store = openStore(config);
  try {
    if (migratesFirst(command)) await db.migrate();
    const context: CommandContext = { config, log, db, store, io: localIo() };
    return await COMMANDS[command](context, rest);
  } finally {
    await store.close();
    await db.close();
  }
}

/** The embedded database: handed to the server that owns it, or opened here under the data lock. */
async function runEmbedded(config: Config, log: Logger, argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let lock;
  try {
    lock = takeDataLock(config.DATA_DIR, "cli");
  } catch (error) {
    if (!(error instanceof DataDirLocked && error.owner.role === "server")) throw error;
    return (await import("./cli/call-server.js")).callServer(cliSocketPath(config.DATA_DIR), argv);
  }
  try {
    return await runHere(config, log, command, rest);
  } finally {
    lock.release();
  }
}

/** PostgreSQL is many-client: the CLI opens it itself, and prints links with the running server's address. */
function withServerAddress(config: Config): Config {
  if (config.PUBLIC_URL) return config;
  const publicUrl = findLockOwner(ownedDirOf(config))?.publicUrl;
  return publicUrl ? Object.freeze({ ...config, publicUrl }) : config;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, process.stderr);
  if (!command || command === "help" || command === "--help") {
    console.log(say("usage"));
    return command ? 0 : 2;
  }
  if (command === "jobs" && rest[0] === "list") return (await import("./cli/job-list.js")).printJobList({ out: (t) => console.log(t) });
  if (command === "restore") return (await import("./cli/restore.js")).runRestore(localIo(), config, rest);
  const { COMMANDS } = await import("./cli/commands.js");
  if (!COMMANDS[command]) {
    console.error(say("usage"));
    return 2;
  }
  if (!config.DATABASE_URL) return runEmbedded(config, log, argv);
  return runHere(withServerAddress(config), log, command, rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (error) => {
    const { ServerUnreachable } = await import("./cli/call-server.js");
    if (error instanceof DataDirLocked) console.error(say("data_dir.locked", { dir: error.dir, pid: error.owner.pid, role: say(`data_dir.role.${error.owner.role}`), since: error.owner.since }));
    else if (error instanceof ServerUnreachable) console.error(say("data_dir.unreachable", { reason: error.message }));
    else console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
