// GET|POST /wecom/callback (SPEC §7). POST: verify, decrypt, check CorpID and AgentID, land (store, or
// journal while the database is down), answer 200 with an empty body at once, then process and reply
// through message/send. WeCom may never retry (doc 90930: only on a failed connection or a timeout), so
// a 503 is the last resort, for when neither the database nor the journal can take the message.
import Router from "@koa/router";
import { z } from "zod";
import type { ChannelDeps } from "../deps.js";
import type { Answer } from "../../bot/pipeline.js";
import { finishInbound, finishUnfinished, receiveInbound, type ChannelFinisher, type Refusal } from "../finish.js";
import { AppError } from "../../errors.js";
import { readRawBody } from "../../http/raw-body.js";
import type { StoredInbound } from "../../services/store-inbound.js";
import { reply } from "../../templates/render.js";
import type { WecomApi } from "./api.js";
import { openEnvelope, type WecomSecrets } from "./crypto.js";
import { toInbound, type WecomInbound } from "./inbound.js";
import { sendCardOrText } from "./send.js";
import { orFallback } from "../fallback.js";
import { MAX_XML_BYTES, readXml, type XmlFields } from "./xml.js";

export type WecomRouteDeps = {
  secrets: WecomSecrets;
  agentId: string;
  bot: ChannelDeps;
  api: WecomApi;
  /** Work started after the answer; tests await it. */
  track?: (work: Promise<void>) => void;
};

/** A callback older than this is a replay, not a retry (WeCom retries within seconds). */
export const MAX_CALLBACK_AGE_S = 300;

const SignedQuery = z.object({ msg_signature: z.string().regex(/^[0-9a-fA-F]{40}$/), timestamp: z.string().regex(/^\d{1,12}$/), nonce: z.string().min(1).max(64) });
const VerifyQuery = SignedQuery.extend({ echostr: z.string().min(1).max(1024) });

function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new AppError("bad_signature", "missing or malformed signature parameters");
  return parsed.data;
}

function checkFresh(timestamp: string, now: Date): void {
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_CALLBACK_AGE_S) throw new AppError("bad_signature", "stale timestamp");
}

/** The card tapped is replaced by its outcome; a spent or expired response_code falls back to text. */
async function updateTappedCard(deps: WecomRouteDeps, msg: WecomInbound, text: string): Promise<void> {
  const inText = () => deps.api.sendText(msg.senderId, text);
  if (!msg.responseCode) return inText();
  const update = { userids: [msg.senderId], response_code: msg.responseCode, button: { replace_name: text } };
  await orFallback(() => deps.api.updateTemplateCard(update), inText, (error) =>
    deps.bot.log.warn({ err: error.message, platform: "wecom", msgId: msg.msgId }, "card update refused; answering in text"));
}

async function sendAnswer(deps: WecomRouteDeps, msg: WecomInbound, result: Answer): Promise<void> {
  if (result.cardUpdate) await updateTappedCard(deps, msg, result.cardUpdate);
  for (const text of result.replies) await deps.api.sendText(msg.senderId, text);
  for (const card of result.cards ?? []) await sendCardOrText(deps.api, deps.bot.log, msg.senderId, card);
}

function refusal(msg: WecomInbound): Refusal | undefined {
  if (msg.kind === "event") return { outcome: "query" };
  if (msg.kind === "other") return { outcome: "rejected", reason: "not_text", reply: reply("only_text") };
  return undefined;
}

const finish = (deps: WecomRouteDeps, msg: WecomInbound, stored: StoredInbound) =>
  finishInbound(deps.bot, msg, stored, {
    refusal: refusal(msg), answer: (result) => sendAnswer(deps, msg, result), say: (text) => deps.api.sendText(msg.senderId, text).then(() => undefined),
  });

export function wecomRoutes(deps: WecomRouteDeps): Router {
  const router = new Router();
  const { secrets, bot } = deps;

  router.get("/wecom/callback", (ctx) => {
    const q = parseQuery(VerifyQuery, ctx.query);
    ctx.type = "text/plain";
    ctx.body = openEnvelope(secrets, { timestamp: q.timestamp, nonce: q.nonce, signature: q.msg_signature }, q.echostr);
  });

  router.post("/wecom/callback", async (ctx) => {
    // Cheapest checks first: the query and its age cost nothing; the body is read only after them.
    const q = parseQuery(SignedQuery, ctx.query);
    const now = bot.now();
    checkFresh(q.timestamp, now);
    const envelope = readXml(await readRawBody(ctx, MAX_XML_BYTES));
    if (!envelope.Encrypt) throw new AppError("bad_payload", "no Encrypt element");
    const fields = readXml(openEnvelope(secrets, { timestamp: q.timestamp, nonce: q.nonce, signature: q.msg_signature }, envelope.Encrypt));
    if ((envelope.AgentID && envelope.AgentID !== deps.agentId) || (fields.AgentID && fields.AgentID !== deps.agentId)) {
      throw new AppError("forbidden", "callback for another AgentID");
    }
    await receiveInbound(bot, wecomFinisher(deps), toInbound(fields, now), deps.track);
    ctx.status = 200;
    ctx.body = "";
  });
  return router;
}

/** WeCom's half of finishing a message, for the sweeps and the journal replayer. */
export const wecomFinisher = (deps: WecomRouteDeps): ChannelFinisher<WecomInbound> => ({
  platform: "wecom", decode: (payload, receivedAt) => toInbound(payload as XmlFields, receivedAt), finish: (msg, stored) => finish(deps, msg, stored),
});

/** Processes WeCom messages stored and acknowledged but never finished (channels/finish finishUnfinished). */
export const retryStaleWecom = (deps: WecomRouteDeps, at: Date): Promise<number> => finishUnfinished(deps.bot, wecomFinisher(deps), at);
