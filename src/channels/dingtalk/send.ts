// Sending our messages to a DingTalk user: a card, or its text when DingTalk certainly did not deliver it
// (no template configured, a refusal, or a deliverResults failure); never after a timeout.
import type { Card } from "../../cards/card.js";
import type { Logger } from "../../infra/logger.js";
import type { DingtalkApi } from "./api.js";
import { orFallback } from "../fallback.js";
import { cardParams, templateFor, type CardTemplateIds } from "./cards.js";

export type DingtalkSender = {
  api: DingtalkApi;
  /** The card template ids (configuration); a card with no template is sent as its text. */
  cards: CardTemplateIds;
  log: Logger;
};

/** True when the card went (and can be updated later by its task id); false when its text went instead. */
export async function sendCardOrText(s: DingtalkSender, userId: string, card: Card): Promise<boolean> {
  const cardTemplateId = templateFor(card, s.cards);
  const text = () => s.api.sendText(userId, card.fallback);
  if (!cardTemplateId) return (await text(), false);
  let delivered = false;
  await orFallback(async () => (await s.api.deliverCard({ userId, outTrackId: card.taskId, cardTemplateId, params: cardParams(card) }), (delivered = true)), text, (error) =>
    s.log.warn({ err: error.message, platform: "dingtalk", taskId: card.taskId }, "card not delivered; sending its text"));
  return delivered;
}
