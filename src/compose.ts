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
