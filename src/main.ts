// Composition root: config → database (migrated) → store → HTTP. The only file that reads process.env.
import { createServer, type Server } from "node:http";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createApp } from "./http/app.js";
import { createMetrics, watchJournal, watchProcessingMemory, watchQueue } from "./http/metrics.js";
import { bufferedStdout, createLogger, type Logger } from "./infra/logger.js";
import { openMigratedDatabase, openStore } from "./infra/open.js";
import type { ChannelDeps } from "./channels/deps.js";
import { startInboundSweeps } from "./channels/sweep.js";
import { createInboundWriter } from "./services/inbound/create-inbound-writer.js";
import { openJournal } from "./infra/journal.js";
import { DataDirLocked, takeDataLock } from "./infra/data-lock.js";
import { cliSocketPath, journalDirOf, ownedDirOf } from "./infra/owned-dir.js";
import { serveCli } from "./cli/serve-cli.js";
import { botSettings, createChannels } from "./compose.js";
import { startProcessingThread } from "./processing/supervisor.js";
import { within } from "./infra/within.js";
import { connectStream } from "./channels/dingtalk/connect.js";
import type { StreamClient } from "./channels/dingtalk/stream.js";
import { apiRoutes } from "./api/routes.js";
import { consoleRoutes, rootRoute } from "./console/routes.js";
import { readSession } from "./console/session.js";

function describeChannels(config: Config, log: Logger): void {
  if (config.wecomEnabled) log.info({ agentId: config.WECOM_AGENT_ID }, "WeCom channel on");
  else log.warn("WeCom channel off: set WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_AES_KEY to turn it on");
  if (!config.dingtalkEnabled) log.warn("DingTalk channel off: set DINGTALK_APP_KEY, DINGTALK_APP_SECRET and DINGTALK_ROBOT_CODE to turn it on");
  else {
    log.info({ mode: config.DINGTALK_MODE }, "DingTalk channel on");
    if (!config.DINGTALK_CARD_TEMPLATE_BUTTONS || !config.DINGTALK_CARD_TEMPLATE_FORM) {
      log.warn("DingTalk cards go out as text until DINGTALK_CARD_TEMPLATE_BUTTONS and DINGTALK_CARD_TEMPLATE_FORM are set (README: DingTalk card templates)");
    }
  }
  if (!config.REDIS_URL) log.warn("REDIS_URL unset: in-process store, run a single instance only");
}

async function start(): Promise<void> {
  const config = loadConfig();
  // Written asynchronously and in blocks: process.stdout on a pipe is a blocking write per line, on the
  // event loop every acknowledgement waits in.
  const log = createLogger(config.LOG_LEVEL, bufferedStdout());
  // Before anything is opened: a second server on the same folder would overwrite this one's database.
  const lock = takeDataLock(ownedDirOf(config), "server", config.publicUrl);
  const { db, applied } = await openMigratedDatabase(config);
  log.info({ database: db.kind, applied }, "database ready");
  const store = openStore(config);
  describeChannels(config, log);
  const metrics = createMetrics();
  const journal = openJournal(journalDirOf(config), config.JOURNAL_MAX_MB * 1024 * 1024);
  watchJournal(metrics, journal);
  const bot: ChannelDeps = {
    db: db.client, store, log, ...botSettings(config), journal, writer: createInboundWriter(db.ack),
  };
  const { routers, adapters: channels, wecom, dingtalkDeps } = createChannels(config, bot, store, log);
  let stream: StreamClient | undefined;
  if (dingtalkDeps && config.DINGTALK_MODE === "stream") {
    stream = connectStream(dingtalkDeps, {
      base: config.DINGTALK_API_BASE, clientId: config.DINGTALK_APP_KEY!, clientSecret: config.DINGTALK_APP_SECRET!, watchdogMs: config.DINGTALK_STREAM_WATCHDOG_S * 1000,
    });
  }
  const now = () => new Date();
  routers.push(apiRoutes({ db: db.client, tz: config.TZ_NAME, now, adminToken: config.ADMIN_TOKEN, arrivalDeadlineDays: config.ARRIVAL_DEADLINE_DAYS, session: readSession(db.client, now) }));
  routers.push(consoleRoutes({
    db: db.client, now, publicUrl: config.publicUrl,
    wecom: wecom && { api: wecom, corpId: config.WECOM_CORP_ID!, agentId: config.WECOM_AGENT_ID! },
  }));
  routers.push(rootRoute());
  if (!config.ADMIN_TOKEN) log.warn("ADMIN_TOKEN unset: the admin API answers organisation tokens only (npm run cli -- tokens create --org NAME)");
  // Processing (and the scheduler's jobs) run in a thread of their own: nothing they do makes an
  // acknowledgement wait. It takes stored messages from the table, a bounded number at a time.
  const processing = (bot.worker = startProcessingThread({
    db, log, scheduler: config.SCHEDULER === "on", pressure: bot.writer, countOutcome: (platform, outcome) => metrics.inboundMessages.inc({ platform, outcome }),
  }));
  watchQueue(metrics, processing);
  watchProcessingMemory(metrics, processing);
  // Journaled messages are replayed on every instance that takes callbacks.
  const sweeper = startInboundSweeps(bot, channels, config.INBOUND_SWEEP_S * 1000);
  void sweeper.runOnce(); // a journal left by the last run is replayed at start
  if (config.SCHEDULER === "off") log.warn("SCHEDULER=off: this instance sends no reminders");
  // The embedded database has one owner: the CLI's commands run here while the server runs.
  const cli = db.kind === "pglite"
    ? await serveCli(cliSocketPath(config.DATA_DIR), { config, log, db, store }, (error) => log.error({ err: error }, "cli command failed"))
    : undefined;
  const app = createApp({
    log, metrics, routers, trustProxy: config.TRUST_PROXY === "on", metricsToken: config.METRICS_TOKEN,
    probes: [{ name: "database", check: db.ping }, { name: "store", check: store.ping }, processing.probe],
  });
  // A slow client cannot hold a connection open: headers within 10 s, the whole request within 30 s
  // (checked every second, not Node's default 30 s).
  const server: Server = createServer({
    headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS, requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1000,
  }, app.callback()).listen(config.PORT, () => (log.info({ port: config.PORT }, "duikou listening"), log.flush()));
  // Shutdown is bounded: work still running after the grace period (a reply to a platform that does not
  // answer) is abandoned; its message stays 'received' and the next start's sweep finishes it.
  const graceMs = config.SHUTDOWN_GRACE_S * 1000;
  const stop = async (signal: string) => {
    log.info({ signal, graceMs }, "shutting down");
    setTimeout(() => (log.error("shutdown did not finish; exiting"), log.flush(), process.exit(1)), graceMs + 5000).unref();
    server.close();
    server.closeIdleConnections();
    // The processing thread bounds its own stop (the grace period, then it is ended); waiting on it
    // whole lets it say what it left before the database closes under it.
    await Promise.allSettled([within(graceMs, Promise.allSettled([stream?.stop(), sweeper.stop()])), processing.stop(graceMs)]);
    await cli?.close();
    await journal.close();
    await store.close();
    await db.close();
    lock.release();
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

start().catch((error) => {
  if (error instanceof DataDirLocked) console.error(`duikou cannot start: ${error.message}. Stop it first, or give this server its own DATA_DIR.`);
  else console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
