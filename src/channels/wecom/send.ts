// Sending our messages to a WeCom member: a card, or its text when the card cannot be sent.
import type { Card } from "../../cards/card.js";
import type { Logger } from "../../infra/logger.js";
import type { WecomApi } from "./api.js";
import { toTemplateCard } from "./cards.js";

export async function sendCardOrText(api: WecomApi, log: Logger, userId: string, card: Card): Promise<void> {
  try {
    await api.sendTemplateCard(userId, toTemplateCard(card));
  } catch (error) {
    log.warn({ err: (error as Error).message, platform: "wecom", taskId: card.taskId }, "card send failed; sending its text");
    await api.sendText(userId, card.fallback);
  }
}
