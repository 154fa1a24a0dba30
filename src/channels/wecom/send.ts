// Sending our messages to a WeCom member: a card, or its text when the card cannot be sent.
import type { Card } from "../../cards/card.js";
import { renderBarChart, type BarChart } from "../../charts/bar-chart.js";
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

/** The chart as an image message (drawn, uploaded as temporary media, sent). It illustrates a message
 *  already sent, so a failure is logged and the message stands. */
export async function sendChart(api: WecomApi, log: Logger, userId: string, chart: BarChart): Promise<void> {
  try {
    const mediaId = await api.uploadImage(renderBarChart(chart), "chart.png");
    await api.sendImage(userId, mediaId);
  } catch (error) {
    log.warn({ err: (error as Error).message, platform: "wecom" }, "chart not sent");
  }
}
