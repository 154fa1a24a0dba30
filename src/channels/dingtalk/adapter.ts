// DingTalk's adapter, for a message or card tap whichever way it came (HTTP callback or Stream frame):
// decode it, accept it (the caller then acknowledges), and send the pipeline's answer. Answers go back into the
// conversation through its session webhook while that is valid, else one-to-one from the robot.
import type { ChannelDeps } from "../deps.js";
import type { Answer } from "../../bot/pipeline.js";
import { acceptInbound } from "../accept.js";
import { answerInbound, answerUnfinished, type ChannelAdapter, type Refusal } from "../answer.js";
import type { StoredInbound } from "../../services/inbound/store-inbound.js";
import { reply } from "../../templates/render.js";
import { doneParams } from "./cards.js";
import { orFallback } from "../fallback.js";
import { sendCardOrText, type DingtalkSender } from "./send.js";
import type { CardCopies } from "../card-copies.js";
import { cardToInbound, messageToInbound, parseRobotMessage, type DingtalkInbound, type ReplyRoute } from "./inbound.js";

export type DingtalkDeps = DingtalkSender & {
  bot: ChannelDeps;
  appSecret: string;
  /** Work started after the ack; shutdown and tests await it. */
  track?: (work: Promise<void>) => void;
  /** The other recipients' copies of a card, updated once one of them answers it. */
  copies?: CardCopies;
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

async function send(deps: DingtalkDeps, msg: DingtalkInbound, result: Answer): Promise<void> {
  if (result.cardUpdate && msg.outTrackId) {
    await updateTappedCard(deps, msg, result.cardUpdate);
    await deps.copies?.updateOthers(msg.outTrackId, result.cardUpdate);
  }
  for (const text of result.replies) await sendText(deps, msg.route, text);
  for (const card of result.cards ?? []) await sendCardOrText(deps, msg.senderId, card);
}

function refusal(msg: DingtalkInbound): Refusal | undefined {
  if (msg.kind === "external") return { outcome: "rejected", reason: "external_user", reply: reply("external_user") };
  if (msg.kind === "voice") return { outcome: "rejected", reason: "voice_unheard", reply: reply("voice_unheard") };
  if (msg.kind === "other") return { outcome: "rejected", reason: "not_text", reply: reply("only_text") };
  return undefined;
}

const answer = (deps: DingtalkDeps, msg: DingtalkInbound, stored: StoredInbound) =>
  answerInbound(deps.bot, msg, stored, { refusal: refusal(msg), send: (result) => send(deps, msg, result), say: (text) => sendText(deps, msg.route, text) });

/** Lands the message (stored, or journaled while the database is down) and returns once it is safe to acknowledge. */
export const accept = (deps: DingtalkDeps, msg: DingtalkInbound): Promise<void> => acceptInbound(deps.bot, dingtalkAdapter(deps), msg, deps.track);

export const decodeRobotMessage = (body: unknown, at: Date) => messageToInbound(parseRobotMessage(body), at);
export const acceptRobotMessage = (deps: DingtalkDeps, body: unknown) => accept(deps, decodeRobotMessage(body, deps.bot.now()));
export const acceptCardTap = (deps: DingtalkDeps, body: unknown) => accept(deps, cardToInbound(body, deps.bot.now()));

/**
 * A stored payload is a robot message when it has a robot message's own fields (msgId and msgtype, which
 * a card callback never carries), whatever else it holds: a message whose body also carries card fields
 * (outTrackId, cardPrivateData) is still the message it was acknowledged as, never a card tap.
 */
const isRobotMessage = (payload: unknown) => typeof payload === "object" && payload !== null && "msgId" in payload && "msgtype" in payload;

const decode = (payload: unknown, receivedAt: Date): DingtalkInbound =>
  isRobotMessage(payload) ? messageToInbound(parseRobotMessage(payload), receivedAt) : cardToInbound(payload, receivedAt);

/** DingTalk's adapter, for the worker, the sweeps and the journal replayer. */
export const dingtalkAdapter = (deps: DingtalkDeps): ChannelAdapter<DingtalkInbound> =>
  ({ platform: "dingtalk", decode, answer: (msg, stored) => answer(deps, msg, stored) });

/** Answers DingTalk messages stored and acknowledged but never answered (channels/accept answerUnfinished). */
export const answerUnfinishedDingtalk = (deps: DingtalkDeps, at: Date): Promise<number> => answerUnfinished(deps.bot, dingtalkAdapter(deps), at);
