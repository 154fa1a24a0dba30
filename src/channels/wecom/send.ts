// Sending our messages to a WeCom member: a card, or its text when WeCom certainly did not take the card.
// After a timeout the card may have arrived, so no text copy is sent: the error goes to the outbox,
// which sends the card again through `resending` (WeCom's duplicate check drops a repeat).
import type { Card } from "../../cards/card.js";
import type { Logger } from "../../infra/logger.js";
import { orFallback } from "../fallback.js";
import type { WecomSenders } from "./api.js";
import { toTemplateCard } from "./cards.js";

/** The card's send, with the response_code WeCom returned for updating it later; undefined when its text went instead. */
export async function sendCardOrText(api: WecomSenders, log: Logger, userId: string, card: Card): Promise<{ responseCode?: string } | undefined> {
  let sent: { responseCode?: string } | undefined;
  await orFallback(async () => (sent = await api.sendTemplateCard(userId, toTemplateCard(card))), () => api.sendText(userId, card.fallback), (error) =>
    log.warn({ err: error.message, platform: "wecom", taskId: card.taskId }, "card not taken; sending its text"));
  return sent;
}
