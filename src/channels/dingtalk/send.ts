// Sending our messages to a DingTalk user: a card, or its text when the card cannot be sent.
import type { Card } from "../../cards/card.js";
import type { Logger } from "../../infra/logger.js";
import type { DingtalkApi } from "./api.js";
import { cardParams, templateFor, type CardTemplateIds } from "./cards.js";

export type DingtalkSender = {
  api: DingtalkApi;
  /** The card template ids (configuration); a card with no template is sent as its text. */
  cards: CardTemplateIds;
  /** How DingTalk brings our cards' taps back: STREAM (the Stream connection) or HTTP (POST /dingtalk/card). */
  callbackType: "STREAM" | "HTTP";
  log: Logger;
};

export async function sendCardOrText(s: DingtalkSender, userId: string, card: Card): Promise<void> {
  const cardTemplateId = templateFor(card, s.cards);
  if (cardTemplateId) {
    try {
      await s.api.deliverCard({ userId, outTrackId: card.taskId, cardTemplateId, params: cardParams(card), callbackType: s.callbackType });
      return;
    } catch (error) {
      s.log.warn({ err: (error as Error).message, platform: "dingtalk", taskId: card.taskId }, "card send failed; sending its text");
    }
  }
  await s.api.sendText(userId, card.fallback);
}
