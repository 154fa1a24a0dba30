// WeCom's adapter: decode a stored callback back into a message, and send the pipeline's answer through
// message/send (a tapped card is updated in place). Its routes (routes.ts) verify and accept. Answers go
// through the member's answer queue, so recording never waits for WeCom's pace (answer-queue.ts).
import type { Answer } from "../../bot/pipeline.js";
import { answerInbound, answerUnfinished, type ChannelAdapter, type Refusal } from "../answer.js";
import type { StoredInbound } from "../../services/inbound/store-inbound.js";
import { reply } from "../../templates/render.js";
import { orFallback } from "../fallback.js";
import { toInbound, type WecomInbound } from "./inbound.js";
import type { ChannelDeps } from "../deps.js";
import type { WecomApi } from "./api.js";
import type { WecomSecrets } from "./crypto.js";
import type { AnswerQueue } from "./answer-queue.js";
import type { XmlFields } from "./xml.js";
import type { CardCopies } from "../card-copies.js";

export type WecomRouteDeps = {
  secrets: WecomSecrets;
  agentId: string;
  bot: ChannelDeps;
  api: WecomApi;
  /** Where answers wait for the member's pace (one per process). */
  answers: AnswerQueue;
  /** Work started after the answer; tests await it. */
  track?: (work: Promise<void>) => void;
  /** The other recipients' copies of a card, updated once one of them answers it. */
  copies?: CardCopies;
};

/** The card tapped is replaced by its outcome; a spent or expired response_code falls back to text. */
async function updateTappedCard(deps: WecomRouteDeps, msg: WecomInbound, text: string): Promise<void> {
  const inText = async () => deps.answers.answer(msg.senderId, [{ text }]);
  if (!msg.responseCode) return inText();
  const update = { userids: [msg.senderId], response_code: msg.responseCode, button: { replace_name: text } };
  await orFallback(() => deps.api.updateTemplateCard(update), inText, (error) =>
    deps.bot.log.warn({ err: error.message, platform: "wecom", msgId: msg.msgId }, "card update refused; answering in text"));
}

async function send(deps: WecomRouteDeps, msg: WecomInbound, result: Answer): Promise<void> {
  if (result.cardUpdate) {
    await updateTappedCard(deps, msg, result.cardUpdate);
    if (msg.tap) await deps.copies?.updateOthers(msg.tap.taskId, result.cardUpdate);
  }
  deps.answers.answer(msg.senderId, [...result.replies.map((text) => ({ text })), ...(result.cards ?? []).map((card) => ({ card }))]);
}

function refusal(msg: WecomInbound): Refusal | undefined {
  if (msg.kind === "event") return { outcome: "query" };
  if (msg.kind === "voice") return { outcome: "rejected", reason: "voice", reply: reply("voice_wecom") };
  if (msg.kind === "other") return { outcome: "rejected", reason: "not_text", reply: reply("only_text") };
  return undefined;
}

const answer = (deps: WecomRouteDeps, msg: WecomInbound, stored: StoredInbound) =>
  answerInbound(deps.bot, msg, stored, {
    refusal: refusal(msg), send: (result) => send(deps, msg, result), say: async (text) => deps.answers.answer(msg.senderId, [{ text }]),
  });

/** WeCom's adapter, for the worker, the sweeps and the journal replayer. */
export const wecomAdapter = (deps: WecomRouteDeps): ChannelAdapter<WecomInbound> => ({
  platform: "wecom", decode: (payload, receivedAt) => toInbound(payload as XmlFields, receivedAt), answer: (msg, stored) => answer(deps, msg, stored),
});

/** Answers WeCom messages stored and acknowledged but never answered (channels/accept answerUnfinished). */
export const answerUnfinishedWecom = (deps: WecomRouteDeps, at: Date): Promise<number> => answerUnfinished(deps.bot, wecomAdapter(deps), at);
