// POST /dingtalk/callback (robot messages, HTTP mode), SPEC §7. Card taps come over the Stream connection
// only: how DingTalk authenticates HTTP card callbacks is not documented (PROTOCOLS §6.6), and a route
// that cannot verify its caller would let anyone confirm an arrival. Config refuses HTTP mode with cards.
// Each is checked with the robot signature, landed (stored, or journaled while the database is down),
// answered 200 at once, then processed. DingTalk's HTTP retry policy is undocumented, so a 503 is the
// last resort, for when neither the database nor the journal can take the message.
import Router from "@koa/router";
import type { Context } from "koa";
import { AppError } from "../../errors.js";
import { readRawBody } from "../../http/raw-body.js";
import { decodeRobotMessage, accept, type DingtalkDeps } from "./adapter.js";
import { createReplayGuard } from "./replay.js";
import { verifyRobotSign } from "./sign.js";
import type { DingtalkInbound } from "./inbound.js";

const MAX_BODY_BYTES = 64 * 1024;

export type DingtalkRouteDeps = DingtalkDeps & {
  /** How far a callback's signed timestamp may be from our clock (at most DingTalk's hour). */
  signWindowMs: number;
};

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("bad_payload", "body is not JSON");
  }
}

export function dingtalkRoutes(deps: DingtalkRouteDeps): Router {
  const router = new Router();
  const firstUse = createReplayGuard(deps.bot.store, deps.signWindowMs, deps.log);

  /** Signature (cheap, before the body is read), body, decode, then one use of the signature per message. */
  const signed = (decode: (body: unknown, at: Date) => DingtalkInbound) => async (ctx: Context) => {
    const timestamp = ctx.get("timestamp");
    verifyRobotSign({ timestamp, sign: ctx.get("sign") }, deps.appSecret, deps.bot.now().getTime(), deps.signWindowMs);
    const msg = decode(parseJson(await readRawBody(ctx, MAX_BODY_BYTES)), deps.bot.now());
    await firstUse(timestamp, msg.msgId);
    await accept(deps, msg);
    ctx.body = {};
  };

  router.post("/dingtalk/callback", signed(decodeRobotMessage));
  return router;
}
