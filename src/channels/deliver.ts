// Reminders reach a person on the chat platform they have an account on (WeCom today; DingTalk when
// its channel is built). A person with no usable account is "unreachable", which the outbox logs.
import type { PrismaClient } from "../generated/prisma/client.js";
import type { Logger } from "../infra/logger.js";
import type { Deliver } from "../schedule/outbox.js";
import type { WecomApi } from "./wecom/api.js";
import { sendCardOrText, sendChart } from "./wecom/send.js";

export function createDeliver(o: { prisma: PrismaClient; log: Logger; wecom?: WecomApi }): Deliver {
  return async (personId, message) => {
    const identity = o.wecom && (await o.prisma.chatIdentity.findFirst({ where: { personId, platform: "wecom" }, select: { externalUserId: true } }));
    if (!o.wecom || !identity) return "unreachable";
    if ("text" in message) await o.wecom.sendText(identity.externalUserId, message.text);
    else await sendCardOrText(o.wecom, o.log, identity.externalUserId, message.card);
    if (message.chart) await sendChart(o.wecom, o.log, identity.externalUserId, message.chart);
    return "sent";
  };
}
