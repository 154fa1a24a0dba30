// npm run cli -- <command>: migrate, import, chat, targets, people, jobs, export, tokens. Output for people is Chinese (templates/cli.json).
import { parseArgs } from "node:util";
import { basename, extname } from "node:path";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./infra/logger.js";
import { openMigratedDatabase, openStore } from "./infra/open.js";
import { createRenderer } from "./templates.js";
import { runImport } from "./cli/import.js";
import { runChat } from "./cli/chat.js";
import { runTargets } from "./cli/targets.js";
import { runPeople } from "./cli/people.js";
import { runJobs } from "./cli/jobs.js";
import { runExport } from "./cli/export.js";
import { runTokens } from "./cli/tokens.js";
import { createDingtalkSender, createScheduleDeps, createWecomClient, reminderSettings } from "./compose.js";

const say = createRenderer("cli");

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, process.stderr);
  if (!command || command === "help" || command === "--help") {
    console.log(say("usage"));
    return command ? 0 : 2;
  }
  const { db, applied } = await openMigratedDatabase(config);
  const store = openStore(config);
  try {
    switch (command) {
      case "migrate":
        console.log(applied.length > 0 ? say("migrate.applied", { names: applied.join(", ") }) : say("migrate.none"));
        return 0;
      case "import": {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { program: { type: "string" }, start: { type: "string" }, end: { type: "string" } } });
        const file = positionals[0];
        const programme = values.program ?? (file ? basename(file, extname(file)) : "");
        return await runImport(db.prisma, { file, programme, start: values.start, end: values.end });
      }
      case "chat": {
        const { values } = parseArgs({ args: rest, options: { as: { type: "string" } } });
        return await runChat({ prisma: db.prisma, store, log, tz: config.TZ_NAME, now: () => new Date(), dailyLimits: config.dailyLimits, reminders: reminderSettings(config) }, values.as);
      }
      case "targets":
        return await runTargets(db.prisma, rest);
      case "people":
        return await runPeople(db.prisma, rest);
      case "jobs": {
        const channels = { wecom: createWecomClient(config, store, log), dingtalk: createDingtalkSender(config, store, log) };
        return await runJobs(createScheduleDeps(config, { prisma: db.prisma, store, log, ...channels }), rest);
      }
      case "export":
        return await runExport(db.prisma, rest, config.TZ_NAME);
      case "tokens":
        return await runTokens(db.prisma, rest);
      default:
        console.error(say("usage"));
        return 2;
    }
  } finally {
    await store.close();
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
