// GET|POST /wecom/callback (SPEC §7). POST: verify, decrypt, check CorpID and AgentID, accept (store, or
// journal while the database is down), answer 200 with an empty body at once; the adapter (adapter.ts)
// then answers through message/send. WeCom may never retry (doc 90930: only on a failed connection or a timeout), so
// a 503 is the last resort, for when neither the database nor the journal can take the message.
import { parse } from "node:querystring";
import Router from "@koa/router";
import { z } from "zod";
import { acceptInbound } from "../accept.js";
import { AppError } from "../../errors.js";
import { readRawBody } from "../../http/raw-body.js";
import { openEnvelope } from "./crypto.js";
import { toInbound } from "./inbound.js";
import { wecomAdapter, type WecomRouteDeps } from "./adapter.js";
import { MAX_XML_BYTES, readXml } from "./xml.js";

const ENVELOPE_FIELDS = ["Encrypt", "AgentID"] as const;

export type { WecomRouteDeps } from "./adapter.js";


/** A callback older than this is a replay, not a retry (WeCom retries within seconds). */
export const MAX_CALLBACK_AGE_S = 300;

const SignedQuery = z.object({ msg_signature: z.string().regex(/^[0-9a-fA-F]{40}$/), timestamp: z.string().regex(/^\d{1,12}$/), nonce: z.string().min(1).max(64) });
const VerifyQuery = SignedQuery.extend({ echostr: z.string().min(1).max(1024) });

/**
 * The query read with node:querystring, not Koa's ctx.query: Koa's builds it through URLSearchParams and
 * defineProperty, about 5 µs of a callback's acknowledgement under load. A repeated key becomes an array,
 * which the schema refuses, as it did Koa's.
 */
function parseQuery<T extends z.ZodType>(schema: T, querystring: string): z.infer<T> {
  const parsed = schema.safeParse(parse(querystring));
  if (!parsed.success) throw new AppError("bad_signature", "missing or malformed signature parameters");
  return parsed.data;
}

function checkFresh(timestamp: string, now: Date): void {
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_CALLBACK_AGE_S) throw new AppError("bad_signature", "stale timestamp");
}

export function wecomRoutes(deps: WecomRouteDeps): Router {
  const router = new Router();
  const { secrets, bot } = deps;

  router.get("/wecom/callback", (ctx) => {
    const q = parseQuery(VerifyQuery, ctx.querystring);
    ctx.type = "text/plain";
    ctx.body = openEnvelope(secrets, { timestamp: q.timestamp, nonce: q.nonce, signature: q.msg_signature }, q.echostr);
  });

  router.post("/wecom/callback", async (ctx) => {
    // Cheapest checks first: the query and its age cost nothing; the body is read only after them.
    const q = parseQuery(SignedQuery, ctx.querystring);
    const now = bot.now();
    checkFresh(q.timestamp, now);
    // Only what is checked here is decoded before the signature: the ciphertext and the envelope's AgentID.
    const envelope = readXml(await readRawBody(ctx, MAX_XML_BYTES), ENVELOPE_FIELDS);
    if (!envelope.Encrypt) throw new AppError("bad_payload", "no Encrypt element");
    const fields = readXml(openEnvelope(secrets, { timestamp: q.timestamp, nonce: q.nonce, signature: q.msg_signature }, envelope.Encrypt));
    if ((envelope.AgentID && envelope.AgentID !== deps.agentId) || (fields.AgentID && fields.AgentID !== deps.agentId)) {
      throw new AppError("forbidden", "callback for another AgentID");
    }
    await acceptInbound(bot, wecomAdapter(deps), toInbound(fields, now), deps.track);
    ctx.status = 200;
    ctx.body = "";
  });
  return router;
}

