// DingTalk's outbound entry (channels/outbound.ts): robot sends, cards by template, and a copy updated
// by its card instance (its outTrackId is the task id).
import type { Outbound } from "../outbound.js";
import { sendChart } from "../send-chart.js";
import { doneParams } from "./cards.js";
import { sendCardOrText, type DingtalkSender } from "./send.js";

export function dingtalkOutbound(s: DingtalkSender): Outbound {
  return {
    platform: "dingtalk",
    sendText: (userId, text) => s.api.sendText(userId, text),
    sendCard: async (userId, card) => ((await sendCardOrText(s, userId, card)) ? {} : undefined),
    sendChart: (userId, chart) => sendChart(s.api, s.log, "dingtalk", userId, chart),
    updateCopy: async (copy, text) => void (await s.api.updateCard(copy.taskId, doneParams(text))),
  };
}
