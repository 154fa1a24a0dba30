// Reminders reach a person on a chat platform they have an account on, the first of the registered
// channels (channels/outbound.ts) they have one on. A person with no account on a channel that is on is
// "unreachable", which the outbox logs. Each card that went is kept (services/cards) so that its copy
// can be updated when another recipient answers.
import type { DbClient } from "../infra/db.js";
import type { Logger } from "../infra/logger.js";
import { findChatIdentities } from "../services/people/find-chat-identities.js";
import { recordCardCopy } from "../services/cards/record-card-copy.js";
import type { Deliver } from "../schedule/outbox.js";
import type { WecomApi } from "./wecom/api.js";
import type { DingtalkSender } from "./dingtalk/send.js";
import { outboundChannels } from "./outbound.js";

export type Channels = { db: DbClient; log: Logger; wecom?: WecomApi; dingtalk?: DingtalkSender };

export function createDeliver(o: Channels): Deliver {
  const channels = outboundChannels(o);
  const platforms = channels.map((c) => c.platform);
  return async (personId, message) => {
    const all = await findChatIdentities(o.db, personId, platforms);
    const pinned = message.account;
    const identities = pinned ? all.filter((i) => i.platform === pinned.platform && i.externalUserId === pinned.externalUserId) : all;
    for (const channel of channels) {
      const userId = identities.find((i) => i.platform === channel.platform)?.externalUserId;
      if (!userId) continue;
      if ("text" in message) await channel.sendText(userId, message.text);
      else {
        const sent = await channel.sendCard(userId, message.card);
        if (sent) await recordCardCopy(o.db, { taskId: message.card.taskId, platform: channel.platform, externalUserId: userId, responseCode: sent.responseCode });
      }
      if (message.chart) await channel.sendChart(userId, message.chart);
      return "sent";
    }
    return "unreachable";
  };
}
