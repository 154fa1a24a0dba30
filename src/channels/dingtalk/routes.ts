// POST /dingtalk/callback (robot messages, HTTP mode) and POST /dingtalk/card (card taps, HTTP mode), SPEC §7.
// Each is checked with the robot signature, stored, answered 200 at once, then processed.
// A database that cannot store it answers 503, so DingTalk sends it again.
import Router from "@koa/router";
import type { Context } from "koa";
import { AppError } from "../../errors.js";
import { readRawBody } from "../../http/raw-body.js";
import { receiveCardTap, receiveMessage, type DingtalkDeps } from "./receive.js";
import { verifyRobotSign } from "./sign.js";

const MAX_BODY_BYTES = 64 * 1024;

async function readSignedJson(ctx: Context, deps: DingtalkDeps): Promise<unknown> {
  verifyRobotSign({ timestamp: ctx.get("timestamp"), sign: ctx.get("sign") }, deps.appSecret, deps.bot.now().getTime());
  const raw = await readRawBody(ctx, MAX_BODY_BYTES);
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("bad_payload", "body is not JSON");
  }
}

export function dingtalkRoutes(deps: DingtalkDeps): Router {
  const router = new Router();
  router.post("/dingtalk/callback", async (ctx) => {
    await receiveMessage(deps, await readSignedJson(ctx, deps));
    ctx.body = {};
  });
  // How DingTalk authenticates HTTP card callbacks is unconfirmed (PROTOCOLS §6.6): we require the same
  // signature as robot messages and refuse anything else loudly. Stream mode needs none of this.
  router.post("/dingtalk/card", async (ctx) => {
    await receiveCardTap(deps, await readSignedJson(ctx, deps));
    ctx.body = {};
  });
  return router;
}
