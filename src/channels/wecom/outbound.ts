// WeCom's outbound entry (channels/outbound.ts): the outbox's sends, with WeCom's duplicate check
// (`resending`), since the outbox sends a reminder again after a timeout that may have delivered it.
import type { Logger } from "../../infra/logger.js";
import type { Outbound } from "../outbound.js";
import { sendChart } from "../send-chart.js";
import type { WecomApi } from "./api.js";
import { sendCardOrText } from "./send.js";

export function wecomOutbound(api: WecomApi, log: Logger): Outbound {
  const sends = api.resending;
  return {
    platform: "wecom",
    sendText: (userId, text) => sends.sendText(userId, text),
    sendCard: (userId, card) => sendCardOrText(sends, log, userId, card),
    sendChart: (userId, chart) => sendChart(sends, log, "wecom", userId, chart),
    // The response_code its send returned: once, within 72 hours (doc 94888). Without one, nothing to do.
    async updateCopy(copy, text) {
      if (copy.responseCode) await api.updateTemplateCard({ userids: [copy.externalUserId], response_code: copy.responseCode, button: { replace_name: text } });
    },
  };
}
