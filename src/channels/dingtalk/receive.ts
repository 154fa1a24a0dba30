// What happens to a DingTalk message or card tap, whichever way it came (HTTP callback or Stream frame):
// store it, let the caller acknowledge, then process it and answer. Answers go back into the
// conversation through its session webhook while that is valid, else one-to-one from the robot.
import type { ChannelDeps } from "../deps.js";
import type { Answer } from "../../bot/pipeline.js";
import { finishInbound, finishUnfinished, receiveInbound, type ChannelFinisher, type Refusal } from "../finish.js";
import type { StoredInbound } from "../../services/store-inbound.js";
import { reply } from "../../templates/render.js";
import { doneParams } from "./cards.js";
import { orFallback } from "../fallback.js";
import { sendCardOrText, type DingtalkSender } from "./send.js";
import { cardToInbound, messageToInbound, parseRobotMessage, type DingtalkInbound, type ReplyRoute } from "./inbound.js";

export type DingtalkDeps = DingtalkSender & {
  bot: ChannelDeps;
  appSecret: string;
  /** Work started after the ack; shutdown and tests await it. */
  track?: (work: Promise<void>) => void;
};

async function sendText(deps: DingtalkDeps, route: ReplyRoute, content: string): Promise<void> {
  const message = { msgtype: "text", text: { content }, ...(route.staffId ? { at: { atUserIds: [route.staffId] } } : {}) };
  if (await deps.api.replyBySession(route.sessionWebhook, route.webhookExpiresAt, message)) return;
  if (route.staffId) return deps.api.sendText(route.staffId, content);
  deps.log.warn({ platform: "dingtalk" }, "no way to answer: session webhook expired and the sender has no staff id");
}

/** The tapped card shows the outcome to everyone who sees it; if it cannot be updated, the tapper gets it as text. */
async function updateTappedCard(deps: DingtalkDeps, msg: DingtalkInbound, text: string): Promise<void> {
  await orFallback(() => deps.api.updateCard(msg.outTrackId!, doneParams(text)), () => sendText(deps, msg.route, text), (error) =>
    deps.log.warn({ err: error.message, platform: "dingtalk", msgId: msg.msgId }, "card update refused; answering in text"));
}

async function sendAnswer(deps: DingtalkDeps, msg: DingtalkInbound, result: Answer): Promise<void> {
  if (result.cardUpdate && msg.outTrackId) await updateTappedCard(deps, msg, result.cardUpdate);
  for (const text of result.replies) await sendText(deps, msg.route, text);
  for (const card of result.cards ?? []) await sendCardOrText(deps, msg.senderId, card);
}

function refusal(msg: DingtalkInbound): Refusal | undefined {
  if (msg.kind === "external") return { outcome: "rejected", reason: "external_user", reply: reply("external_user") };
  if (msg.kind === "other") return { outcome: "rejected", reason: "not_text", reply: reply("only_text") };
  return undefined;
}

const finish = (deps: DingtalkDeps, msg: DingtalkInbound, stored: StoredInbound) =>
  finishInbound(deps.bot, msg, stored, { refusal: refusal(msg), answer: (result) => sendAnswer(deps, msg, result), say: (text) => sendText(deps, msg.route, text) });

/** Lands the message (stored, or journaled while the database is down) and returns once it is safe to acknowledge. */
export const receive = (deps: DingtalkDeps, msg: DingtalkInbound): Promise<void> => receiveInbound(deps.bot, dingtalkFinisher(deps), msg, deps.track);

export const decodeMessage = (body: unknown, at: Date) => messageToInbound(parseRobotMessage(body), at);
export const receiveMessage = (deps: DingtalkDeps, body: unknown) => receive(deps, decodeMessage(body, deps.bot.now()));
export const receiveCardTap = (deps: DingtalkDeps, body: unknown) => receive(deps, cardToInbound(body, deps.bot.now()));

const decode = (payload: unknown, receivedAt: Date): DingtalkInbound =>
  typeof payload === "object" && payload !== null && "outTrackId" in payload ? cardToInbound(payload, receivedAt) : messageToInbound(parseRobotMessage(payload), receivedAt);

/** DingTalk's half of finishing a message, for the sweeps and the journal replayer. */
export const dingtalkFinisher = (deps: DingtalkDeps): ChannelFinisher<DingtalkInbound> =>
  ({ platform: "dingtalk", decode, finish: (msg, stored) => finish(deps, msg, stored) });

/** Processes DingTalk messages stored and acknowledged but never finished (channels/finish finishUnfinished). */
export const retryStaleDingtalk = (deps: DingtalkDeps, at: Date): Promise<number> => finishUnfinished(deps.bot, dingtalkFinisher(deps), at);
