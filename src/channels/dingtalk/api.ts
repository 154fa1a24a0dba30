// DingTalk server API client (PROTOCOLS §4e–4g), under DINGTALK_API_BASE, over the one HTTP core
// (channels/http-core): every call has a timeout and fails typed. The token is cached in the shared store
// for every instance and refreshed once when refused. The app robot's limits are per app and API
// (PROTOCOLS §4b: e.g. 20 QPS, Forbidden.AccessDenied.QpsLimitForAppkeyAndApi), so calls are paced to 20
// a second per API and QpsLimit/Throttling/5xx back off and retry. The monthly quota of free and
// standard organisations (Forbidden.AccessDenied.ApiCountLimitForOrg, or errcode 90020 from the legacy
// host) is not retried: sending stops
// until the month turns, and the admins hear it once. Users DingTalk flow-controls get the message later.
import type { Logger } from "../../infra/logger.js";
import type { Store } from "../../infra/store.js";
import { chunks } from "../../infra/collections.js";
import { exchange, isPlatformError, isQuotaSpent, PlatformError, refusedCode, withRetries, type Answer } from "../http-core.js";
import { sharedToken } from "../shared-token.js";
import { createDingtalkLimits } from "./limits.js";

export { PER_API_PER_SECOND, THROTTLED_BLOCK_MS } from "./limits.js";

export type DingtalkApiOptions = {
  base: string;
  /** The legacy host (oapi), where media are uploaded. */
  oapiBase?: string; appKey: string; appSecret: string; robotCode: string; store: Store; log: Logger;
  sleep?: (ms: number) => Promise<void>; now?: () => number;
  timeoutMs?: number;
};

const MAX_TRIES = 4;
/** oToMessages/batchSend takes at most 20 userIds a call. */
export const MAX_USERS_PER_SEND = 20;
/** A session webhook this close to expiry is not used: the reply goes through the robot instead. */
const WEBHOOK_MARGIN_MS = 60_000;

const isTokenRefused = (status: number, code: string) => status === 401 || code === "InvalidAuthentication";
const isThrottled = (status: number, code: string) => status === 429 || /QpsLimit|Throttl|FlowControl/i.test(code);
const originOf = (url: string) => (URL.canParse(url) ? new URL(url).origin : "unparseable");

export function createDingtalkApi(o: DingtalkApiOptions) {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const limits = createDingtalkLimits({ store: o.store, log: o.log, appKey: o.appKey, robotCode: o.robotCode, now, sleep });
  const oapiBase = o.oapiBase ?? "https://oapi.dingtalk.com";
  const ownOrigins = new Set([new URL(o.base).origin, new URL(oapiBase).origin]);
  const isOwnOrigin = (url: string) => ownOrigins.has(originOf(url)) && !new URL(url).username && !new URL(url).password;

  /** v1.0 answers carry a `code` when they refuse; the HTTP status says whether they did. */
  function judge(api: string, { status, body }: Answer): Record<string, unknown> {
    const code = String(body.code ?? "");
    o.log.info({ api, status, code: code || undefined }, "dingtalk api call");
    if (status < 300) return body;
    throw new PlatformError(`dingtalk ${api}`, { kind: "refused", status, code, message: String(body.message ?? ""), retryable: isThrottled(status, code) || status >= 500 });
  }

  const token = sharedToken(o.store, `dingtalk:token:${o.appKey}`, now, async () => {
    const answer = await exchange("dingtalk oauth2/accessToken", `${o.base}/v1.0/oauth2/accessToken`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ appKey: o.appKey, appSecret: o.appSecret }), timeoutMs,
    });
    const body = judge("oauth2/accessToken", answer);
    if (typeof body.accessToken !== "string") throw new PlatformError("dingtalk oauth2/accessToken", { kind: "refused", status: answer.status, code: "no_token", message: "", retryable: false });
    return { token: body.accessToken, expiresInS: Number(body.expireIn) || undefined };
  });

  /** One v1.0 call with the pacing, token handling and retry policy every call needs. */
  function call(method: "POST" | "PUT", path: string, payload: object): Promise<Record<string, unknown>> {
    let refreshed = false;
    return withRetries(MAX_TRIES, sleep, async () => {
      for (;;) {
        await limits.checkQuota(path);
        await limits.pace(path);
        const headers = { "content-type": "application/json", "x-acs-dingtalk-access-token": await token(false) };
        const answer = await exchange(`dingtalk ${path}`, `${o.base}${path}`, { method, headers, body: JSON.stringify(payload), timeoutMs });
        try {
          return judge(path, answer);
        } catch (error) {
          if (isQuotaSpent(error)) await limits.quotaSpent(path);
          if (!isTokenRefused(answer.status, refusedCode(error)) || refreshed) throw error;
          refreshed = true;
          await token(true);
        }
      }
    });
  }

  /** One-to-one messages from the robot, 20 users a call; users DingTalk flow-controls get it after the block. */
  async function sendToUsers(userIds: string[], msgKey: string, msgParam: object): Promise<void> {
    for (const batch of chunks(userIds, MAX_USERS_PER_SEND)) {
      let pending = batch;
      while (pending.length > 0) {
        await limits.waitUnblocked();
        const reply = await call("POST", "/v1.0/robot/oToMessages/batchSend", { robotCode: o.robotCode, userIds: pending, msgKey, msgParam: JSON.stringify(msgParam) });
        const invalid = (reply.invalidStaffIdList as string[] | undefined) ?? [];
        if (invalid.length > 0) o.log.warn({ invalid }, "dingtalk batchSend: user ids DingTalk does not know");
        pending = (reply.flowControlledStaffIdList as string[] | undefined) ?? [];
        if (pending.length > 0) await limits.block();
      }
    }
  }

  /**
   * Answers in the conversation while its session webhook is valid: true when sent, false when it
   * certainly was not (expired, refused, not DingTalk's). A timeout throws: it may have arrived, so the
   * caller must not send a second copy another way. The webhook URL comes from the request, so it is
   * called only on DingTalk's own hosts (the configured API origins) and never with our access token:
   * the official SDKs send none, and a forged callback must not make us post anything to an address
   * of its choosing.
   */
  async function replyBySession(webhook: string | undefined, expiresAt: number | undefined, message: object): Promise<boolean> {
    if (!webhook || !expiresAt || expiresAt - WEBHOOK_MARGIN_MS < now()) return false;
    if (!isOwnOrigin(webhook)) {
      o.log.warn({ security: true, webhookOrigin: originOf(webhook) }, "session webhook outside DingTalk's hosts refused");
      return false;
    }
    try {
      const { status, body } = await exchange("dingtalk sessionWebhook", webhook, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(message), timeoutMs });
      o.log.info({ api: "sessionWebhook", status, errcode: body.errcode }, "dingtalk api call");
      return status < 300 && Number(body.errcode ?? 0) === 0;
    } catch (error) {
      if (isPlatformError(error) && !error.certainlyNotDelivered) throw error;
      o.log.warn({ err: (error as Error).message }, "dingtalk session webhook failed");
      return false;
    }
  }

  /**
   * A PNG as temporary media on the legacy host (multipart "media"), for sampleImageMsg: its media_id
   * works as the photoURL (PROTOCOLS §4e: the v1.0 token is accepted there too).
   */
  async function uploadImage(png: Buffer, fileName: string): Promise<string> {
    const form = new FormData();
    form.append("media", new Blob([new Uint8Array(png)], { type: "image/png" }), fileName);
    for (let refreshed = false; ; refreshed = true) {
      await limits.checkQuota("/media/upload");
      const url = `${oapiBase}/media/upload?access_token=${encodeURIComponent(await token(refreshed))}&type=image`;
      const { status, body } = await exchange("dingtalk media/upload", url, { method: "POST", body: form, timeoutMs });
      o.log.info({ api: "media/upload", status, errcode: body.errcode }, "dingtalk api call");
      if (body.errcode === 0 && typeof body.media_id === "string") return body.media_id;
      if (refreshed || (body.errcode !== 40014 && body.errcode !== 42001)) {
        const error = new PlatformError("dingtalk media/upload", { kind: "refused", status, code: String(body.errcode ?? ""), message: String(body.errmsg ?? "no media_id"), retryable: false });
        if (isQuotaSpent(error)) await limits.quotaSpent("/media/upload");
        throw error;
      }
    }
  }

  /**
   * An interactive card into the user's chat with the robot; its taps come back over the Stream
   * connection (how DingTalk signs HTTP card callbacks is not documented, so they are not taken).
   */
  async function deliverCard(c: { userId: string; outTrackId: string; cardTemplateId: string; params: Record<string, string> }): Promise<void> {
    const reply = await call("POST", "/v1.0/card/instances/createAndDeliver", {
      cardTemplateId: c.cardTemplateId, outTrackId: c.outTrackId, callbackType: "STREAM",
      cardData: { cardParamMap: c.params },
      openSpaceId: `dtv1.card//IM_ROBOT.${c.userId}`,
      imRobotOpenDeliverModel: { spaceType: "IM_ROBOT", robotCode: o.robotCode },
      imRobotOpenSpaceModel: { supportForward: false },
    });
    // The call can succeed while the card reached no one: each space's own result says (PROTOCOLS §4d).
    const results = ((reply.result as { deliverResults?: { success?: boolean; errorMsg?: string }[] } | undefined)?.deliverResults) ?? [];
    const failed = results.find((r) => r.success === false);
    if (failed) throw new PlatformError("dingtalk card/instances/createAndDeliver", { kind: "refused", status: 200, code: "deliver_failed", message: failed.errorMsg ?? "", retryable: false });
  }

  return {
    uploadImage,
    sendImage: (userId: string, mediaId: string) => sendToUsers([userId], "sampleImageMsg", { photoURL: mediaId }),
    sendText: (userId: string, content: string) => sendToUsers([userId], "sampleText", { content }),
    sendToUsers,
    replyBySession,
    deliverCard,
    /** Updates a card in place for everyone who sees it. */
    updateCard: (outTrackId: string, params: Record<string, string>) =>
      call("PUT", "/v1.0/card/instances", { outTrackId, cardData: { cardParamMap: params }, cardUpdateOptions: { updateCardDataByKey: true } }),
  };
}

export type DingtalkApi = ReturnType<typeof createDingtalkApi>;
