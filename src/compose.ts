// Builds what both the server and the CLI need from config: the channel clients and the scheduler's deps.
import type { Config } from "./config.js";
import type { DbClient } from "./infra/db.js";
import type { Logger } from "./infra/logger.js";
import type { Store } from "./infra/store.js";
import { createWecomApi, type WecomApi } from "./channels/wecom/api.js";
import { createDeliver } from "./channels/deliver.js";
import { createDingtalkApi } from "./channels/dingtalk/api.js";
import type { DingtalkSender } from "./channels/dingtalk/send.js";
import { parseQuietHours } from "./schedule/calendar.js";
import type { ScheduleDeps } from "./schedule/job.js";
import type Router from "@koa/router";
import type { ChannelDeps } from "./channels/deps.js";
import type { ChannelAdapter } from "./channels/answer.js";
import { createCardCopies } from "./channels/card-copies.js";
import { wecomRoutes } from "./channels/wecom/routes.js";
import { createAnswerQueue, type AnswerQueue } from "./channels/wecom/answer-queue.js";
import { wecomAdapter } from "./channels/wecom/adapter.js";
import { dingtalkRoutes } from "./channels/dingtalk/routes.js";
import { dingtalkAdapter, type DingtalkDeps } from "./channels/dingtalk/adapter.js";

export function createWecomClient(config: Config, store: Store, log: Logger): WecomApi | undefined {
  if (!config.wecomEnabled) return undefined;
  return createWecomApi({
    base: config.WECOM_API_BASE, corpId: config.WECOM_CORP_ID!, secret: config.WECOM_SECRET!,
    agentId: Number(config.WECOM_AGENT_ID), store, log: log.child({ channel: "wecom" }),
  });
}

/** The DingTalk sending side (API client, card templates); undefined when the channel is off. */
export function createDingtalkSender(config: Config, store: Store, log: Logger): DingtalkSender | undefined {
  if (!config.dingtalkEnabled) return undefined;
  const channelLog = log.child({ channel: "dingtalk" });
  return {
    api: createDingtalkApi({
      base: config.DINGTALK_API_BASE, oapiBase: config.DINGTALK_OAPI_BASE, appKey: config.DINGTALK_APP_KEY!, appSecret: config.DINGTALK_APP_SECRET!,
      robotCode: config.DINGTALK_ROBOT_CODE!, store, log: channelLog,
    }),
    cards: { buttons: config.DINGTALK_CARD_TEMPLATE_BUTTONS, form: config.DINGTALK_CARD_TEMPLATE_FORM },
    log: channelLog,
  };
}

export function reminderSettings(config: Config) {
  return { quiet: parseQuietHours(config.QUIET_HOURS), snoozeMinutes: config.SNOOZE_MINUTES };
}

export function createScheduleDeps(config: Config, o: { db: DbClient; store: Store; log: Logger; wecom?: WecomApi; dingtalk?: DingtalkSender }): ScheduleDeps {
  return {
    db: o.db, store: o.store, log: o.log, tz: config.TZ_NAME,
    quiet: parseQuietHours(config.QUIET_HOURS),
    settings: {
      nudgeAfterWorkingDays: config.NUDGE_AFTER_WORKING_DAYS, nudgeEscalateAfter: config.NUDGE_ESCALATE_AFTER,
      arrivalDeadlineDays: config.ARRIVAL_DEADLINE_DAYS, snoozeMinutes: config.SNOOZE_MINUTES, retentionDays: config.RETENTION_DAYS,
    },
    deliver: createDeliver({ db: o.db, log: o.log, wecom: o.wecom, dingtalk: o.dingtalk }),
  };
}

/**
 * The channels as both threads need them: the web thread their routes (verify and acknowledge) and
 * adapters (decode, for the journal's replay); the processing thread their adapters (answer).
 */
export function createChannels(config: Config, bot: ChannelDeps, store: Store, log: Logger) {
  const routers: Router[] = [];
  const adapters: ChannelAdapter[] = [];
  const wecom = createWecomClient(config, store, log);
  const dingtalk = createDingtalkSender(config, store, log);
  const copies = createCardCopies({ db: bot.db, log, wecom, dingtalk });
  let answers: AnswerQueue | undefined;
  if (wecom) {
    const secrets = { token: config.WECOM_TOKEN!, aesKey: config.WECOM_AES_KEY!, corpId: config.WECOM_CORP_ID! };
    answers = createAnswerQueue({ api: wecom, log });
    const routeDeps = { secrets, agentId: config.WECOM_AGENT_ID!, bot, api: wecom, copies, answers };
    routers.push(wecomRoutes(routeDeps));
    adapters.push(wecomAdapter(routeDeps) as ChannelAdapter);
  }
  const dingtalkDeps: DingtalkDeps | undefined = dingtalk && { ...dingtalk, bot, appSecret: config.DINGTALK_APP_SECRET!, copies };
  if (dingtalkDeps) {
    routers.push(dingtalkRoutes({ ...dingtalkDeps, signWindowMs: config.DINGTALK_SIGN_WINDOW_S * 1000 }));
    adapters.push(dingtalkAdapter(dingtalkDeps) as ChannelAdapter);
  }
  return { routers, adapters, wecom, dingtalk, dingtalkDeps, answers };
}

/** What the bot needs from config, the same in both threads; the caller adds its own database, store and log. */
export function botSettings(config: Config) {
  return { tz: config.TZ_NAME, now: () => new Date(), dailyLimits: config.dailyLimits, publicUrl: config.publicUrl, reminders: reminderSettings(config) };
}
