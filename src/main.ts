// Composition root: config → database (migrated) → store → HTTP. The only file that reads process.env.
import type { Server } from "node:http";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createApp } from "./http/app.js";
import { createMetrics } from "./http/metrics.js";
import { createLogger, type Logger } from "./infra/logger.js";
import { openMigratedDatabase, openStore } from "./infra/open.js";
import type { BotDeps } from "./bot/context.js";
import { retryStaleWecom, wecomRoutes } from "./channels/wecom/routes.js";
import { createScheduleDeps, createWecomClient, reminderSettings } from "./compose.js";
import { startScheduler } from "./schedule/scheduler.js";
import { apiRoutes } from "./api/routes.js";
import type Router from "@koa/router";

function describeChannels(config: Config, log: Logger): void {
  if (config.wecomEnabled) log.info({ agentId: config.WECOM_AGENT_ID }, "WeCom channel on");
  else log.warn("WeCom channel off: set WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_AES_KEY to turn it on");
  if (config.dingtalkEnabled) log.info({ mode: config.DINGTALK_MODE }, "DingTalk channel on");
  else log.warn("DingTalk channel off: set DINGTALK_APP_KEY, DINGTALK_APP_SECRET and DINGTALK_ROBOT_CODE to turn it on");
  if (!config.REDIS_URL) log.warn("REDIS_URL unset: in-process store, run a single instance only");
}

async function start(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, process.stdout);
  const { db, applied } = await openMigratedDatabase(config);
  log.info({ database: db.kind, applied }, "database ready");
  const store = openStore(config);
  describeChannels(config, log);
  const metrics = createMetrics();
  const bot: BotDeps = {
    prisma: db.prisma, store, log, tz: config.TZ_NAME, now: () => new Date(), dailyLimits: config.dailyLimits,
    reminders: reminderSettings(config),
    countOutcome: (platform, outcome) => metrics.inboundMessages.inc({ platform, outcome }),
  };
  // Work that runs after a callback was answered; shutdown waits for it.
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => (pending.add(work), void work.finally(() => pending.delete(work)));
  const routers: Router[] = [];
  const wecom = createWecomClient(config, store, log);
  const retries: { name: string; run: (at: Date) => Promise<void> }[] = [];
  if (wecom) {
    const secrets = { token: config.WECOM_TOKEN!, aesKey: config.WECOM_AES_KEY!, corpId: config.WECOM_CORP_ID! };
    const routeDeps = { secrets, agentId: config.WECOM_AGENT_ID!, bot, api: wecom, track };
    routers.push(wecomRoutes(routeDeps));
    retries.push({ name: "wecom_inbound_retry", run: async (at) => void (await retryStaleWecom(routeDeps, at)) });
  }
  routers.push(apiRoutes({ prisma: db.prisma, tz: config.TZ_NAME, now: () => new Date(), adminToken: config.ADMIN_TOKEN }));
  if (!config.ADMIN_TOKEN) log.warn("ADMIN_TOKEN unset: the admin API answers organisation tokens only (npm run cli -- tokens create --org NAME)");
  const scheduler = config.SCHEDULER === "on"
    ? startScheduler(createScheduleDeps(config, { prisma: db.prisma, store, log: log.child({ component: "scheduler" }), wecom }), { extra: retries })
    : undefined;
  if (!scheduler) log.warn("SCHEDULER=off: this instance sends no reminders");
  const app = createApp({
    log, metrics, routers,
    probes: [{ name: "database", check: db.ping }, { name: "store", check: store.ping }],
  });
  const server: Server = app.listen(config.PORT, () => log.info({ port: config.PORT }, "duikou listening"));
  const stop = async (signal: string) => {
    log.info({ signal }, "shutting down");
    server.close();
    server.closeIdleConnections();
    await scheduler?.stop();
    await Promise.allSettled([...pending]);
    await store.close();
    await db.close();
    log.flush();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

start().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
