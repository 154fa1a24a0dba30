// Reminders reach a person on the chat platform they have an account on: WeCom first, then DingTalk.
// A person with no account on a channel that is on is "unreachable", which the outbox logs. WeCom sends
// go with its duplicate check (`resending`): the outbox sends a reminder again after a timeout. Each card
// that went is kept (services/cards) so its copy can be updated when another recipient answers.
import type { DbClient } from "../infra/db.js";
import type { Logger } from "../infra/logger.js";
import { findChatIdentities } from "../services/people/find-chat-identities.js";
import type { Deliver } from "../schedule/outbox.js";
import type { WecomApi } from "./wecom/api.js";
import { sendCardOrText as sendWecomCard } from "./wecom/send.js";
import { sendCardOrText as sendDingtalkCard, type DingtalkSender } from "./dingtalk/send.js";
import { sendChart } from "./send-chart.js";
import { recordCardCopy } from "../services/cards/record-card-copy.js";

export type Channels = { db: DbClient; log: Logger; wecom?: WecomApi; dingtalk?: DingtalkSender };

export function createDeliver(o: Channels): Deliver {
  const platforms = [...(o.wecom ? ["wecom" as const] : []), ...(o.dingtalk ? ["dingtalk" as const] : [])];
  return async (personId, message) => {
    const all = await findChatIdentities(o.db, personId, platforms);
    const pinned = message.account;
    const identities = pinned ? all.filter((i) => i.platform === pinned.platform && i.externalUserId === pinned.externalUserId) : all;
    const wecomId = identities.find((i) => i.platform === "wecom")?.externalUserId;
    const dingtalkId = identities.find((i) => i.platform === "dingtalk")?.externalUserId;
    if (o.wecom && wecomId) {
      const wecom = o.wecom.resending;
      if ("text" in message) await wecom.sendText(wecomId, message.text);
      else {
        const sent = await sendWecomCard(wecom, o.log, wecomId, message.card);
        if (sent) await recordCardCopy(o.db, { taskId: message.card.taskId, platform: "wecom", externalUserId: wecomId, responseCode: sent.responseCode });
      }
      if (message.chart) await sendChart(wecom, o.log, "wecom", wecomId, message.chart);
      return "sent";
    }
    if (o.dingtalk && dingtalkId) {
      if ("text" in message) await o.dingtalk.api.sendText(dingtalkId, message.text);
      else if (await sendDingtalkCard(o.dingtalk, dingtalkId, message.card)) {
        await recordCardCopy(o.db, { taskId: message.card.taskId, platform: "dingtalk", externalUserId: dingtalkId });
      }
      if (message.chart) await sendChart(o.dingtalk.api, o.dingtalk.log, "dingtalk", dingtalkId, message.chart);
      return "sent";
    }
    return "unreachable";
  };
}
