// One outbound seam per platform: how a reminder's text, a card and a chart reach a person there, and how
// a copy of a card is updated once another recipient answered it. Each platform's entry lives in its own
// folder; `outboundChannels` registers the ones that are on, in the order a person with accounts on
// several is reached. Delivery (deliver.ts) and card updates (card-copies.ts) look a platform up here.
import type { Card } from "../cards/card.js";
import type { BarChart } from "../charts/bar-chart.js";
import type { Logger } from "../infra/logger.js";
import type { Platform } from "../infra/records.js";
import type { WecomApi } from "./wecom/api.js";
import type { DingtalkSender } from "./dingtalk/send.js";
import { wecomOutbound } from "./wecom/outbound.js";
import { dingtalkOutbound } from "./dingtalk/outbound.js";

export type CopyToUpdate = { taskId: string; externalUserId: string; responseCode: string | null };

export type Outbound = {
  platform: Platform;
  sendText(userId: string, text: string): Promise<void>;
  /** Sends a card; resolves what updating this copy later needs, or undefined when its text went instead. */
  sendCard(userId: string, card: Card): Promise<{ responseCode?: string } | undefined>;
  /** Illustrates what was sent; a failure is logged, never thrown. */
  sendChart(userId: string, chart: BarChart): Promise<void>;
  updateCopy(copy: CopyToUpdate, text: string): Promise<void>;
};

/** The platforms that are on, WeCom first: a person with both accounts is reached on WeCom. */
export function outboundChannels(o: { log: Logger; wecom?: WecomApi; dingtalk?: DingtalkSender }): Outbound[] {
  return [...(o.wecom ? [wecomOutbound(o.wecom, o.log)] : []), ...(o.dingtalk ? [dingtalkOutbound(o.dingtalk)] : [])];
}
