// DingTalk server API client (PROTOCOLS §4e–4g), under DINGTALK_API_BASE. The token is cached in the
// shared store for every instance and refreshed once when refused; throttling, 5xx and network errors
// back off and retry. Proactive sends are paced to DingTalk's robot limit (20 a minute per robot; a
// throttled robot is blocked for 10 minutes) by waiting, never by dropping.
import type { Logger } from "../../infra/logger.js";
import type { Store } from "../../infra/store.js";
import { chunks } from "../../infra/collections.js";
import { backoffDelay, sharedToken } from "../shared-token.js";

export class DingtalkApiError extends Error {
  constructor(readonly path: string, readonly status: number, readonly code: string, readonly detail: string) {
    super(`DingTalk ${path} failed: ${status} ${code} ${detail}`);
  }
}

export type DingtalkApiOptions = {
  base: string;
  /** The legacy host (oapi), where media are uploaded. */
  oapiBase?: string; appKey: string; appSecret: string; robotCode: string; store: Store; log: Logger;
  sleep?: (ms: number) => Promise<void>; now?: () => number;
};

type Reply = { code?: string; message?: string; [key: string]: unknown };

const MAX_TRIES = 4;
export const PER_ROBOT_PER_MINUTE = 20;
export const THROTTLED_BLOCK_MS = 10 * 60_000;
/** oToMessages/batchSend takes at most 20 userIds a call. */
export const MAX_USERS_PER_SEND = 20;
/** A session webhook this close to expiry is not used: the reply goes through the robot instead. */
const WEBHOOK_MARGIN_MS = 60_000;

const isTokenRefused = (status: number, code: string) => status === 401 || code === "InvalidAuthentication";
const isThrottled = (status: number, code: string) => status === 429 || /QpsLimit|Throttl|FlowControl/i.test(code);

const originOf = (url: string) => URL.canParse(url) ? new URL(url).origin : "unparseable";

export function createDingtalkApi(o: DingtalkApiOptions) {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const blockKey = `dingtalk:blocked:${o.robotCode}`;

  const token = sharedToken(o.store, `dingtalk:token:${o.appKey}`, async () => {
    const res = await fetch(`${o.base}/v1.0/oauth2/accessToken`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ appKey: o.appKey, appSecret: o.appSecret }),
    });
    const body = (await res.json().catch(() => ({}))) as Reply & { accessToken?: string; expireIn?: number };
    o.log.info({ api: "oauth2/accessToken", status: res.status }, "dingtalk api call");
    if (!res.ok || !body.accessToken) throw new DingtalkApiError("oauth2/accessToken", res.status, body.code ?? "no_token", body.message ?? "");
    return { token: body.accessToken, expiresInS: body.expireIn };
  });

  const backoff = (attempt: number) => sleep(backoffDelay(attempt));

  /** One v1.0 call with the token handling and retries every call needs. */
  async function call(method: "POST" | "PUT", path: string, payload: object): Promise<Reply> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const accessToken = await token(false);
      let res: Response;
      let body: Reply;
      try {
        res = await fetch(`${o.base}${path}`, {
          method, headers: { "content-type": "application/json", "x-acs-dingtalk-access-token": accessToken }, body: JSON.stringify(payload),
        });
        body = (await res.json().catch(() => ({}))) as Reply;
      } catch (error) {
        o.log.warn({ api: path, attempt, err: (error as Error).message }, "dingtalk api network error");
        if (attempt + 1 >= MAX_TRIES) throw error;
        await backoff(attempt);
        continue;
      }
      const code = body.code ?? "";
      o.log.info({ api: path, status: res.status, code: code || undefined, attempt }, "dingtalk api call");
      if (res.ok) return body;
      if (isTokenRefused(res.status, code) && !refreshed) {
        refreshed = true;
        await token(true);
        continue;
      }
      if ((isThrottled(res.status, code) || res.status >= 500) && attempt + 1 < MAX_TRIES) {
        await backoff(attempt);
        continue;
      }
      throw new DingtalkApiError(path, res.status, code, body.message ?? "");
    }
  }

  /** Waits out a blocked robot, then for a free slot in the robot's minute. */
  async function pace(): Promise<void> {
    for (;;) {
      const blockedUntil = Number((await o.store.get(blockKey)) ?? 0);
      if (blockedUntil > now()) {
        await sleep(blockedUntil - now() + 50);
        continue;
      }
      const minute = Math.floor(now() / 60_000);
      const count = await o.store.increment(`dingtalk:rate:${o.robotCode}:${minute}`, 61_000);
      if (count <= PER_ROBOT_PER_MINUTE) return;
      await sleep((minute + 1) * 60_000 - now() + 50);
    }
  }

  async function block(): Promise<void> {
    const until = now() + THROTTLED_BLOCK_MS;
    o.log.warn({ robotCode: o.robotCode, until: new Date(until).toISOString() }, "dingtalk robot throttled; holding sends for 10 minutes");
    await o.store.set(blockKey, String(until), THROTTLED_BLOCK_MS);
  }

  /** A proactive send, in the robot's pace. */
  async function paced(path: string, payload: object): Promise<Reply> {
    await pace();
    return call("POST", path, payload);
  }

  /** One-to-one messages from the robot, 20 users a call; users DingTalk flow-controls get it after the block. */
  async function sendToUsers(userIds: string[], msgKey: string, msgParam: object): Promise<void> {
    for (const batch of chunks(userIds, MAX_USERS_PER_SEND)) {
      let pending = batch;
      while (pending.length > 0) {
        const reply = await paced("/v1.0/robot/oToMessages/batchSend", { robotCode: o.robotCode, userIds: pending, msgKey, msgParam: JSON.stringify(msgParam) });
        const invalid = (reply.invalidStaffIdList as string[] | undefined) ?? [];
        if (invalid.length > 0) o.log.warn({ invalid }, "dingtalk batchSend: user ids DingTalk does not know");
        pending = (reply.flowControlledStaffIdList as string[] | undefined) ?? [];
        if (pending.length > 0) await block();
      }
    }
  }

  const oapiBase = o.oapiBase ?? "https://oapi.dingtalk.com";
  const ownOrigins = new Set([new URL(o.base).origin, new URL(oapiBase).origin]);
  const isOwnOrigin = (url: string) => ownOrigins.has(originOf(url)) && !new URL(url).username && !new URL(url).password;

  /**
   * Answers in the conversation while its session webhook is valid; false when it is not (or failed).
   * The webhook URL comes from the request, so it is called only on DingTalk's own hosts (the configured
   * API origins) and never with our access token: the official SDKs send none, and a forged or replayed
   * callback must not make us post our token, or anything, to an address of its choosing.
   */
  async function replyBySession(webhook: string | undefined, expiresAt: number | undefined, message: object): Promise<boolean> {
    if (!webhook || !expiresAt || expiresAt - WEBHOOK_MARGIN_MS < now()) return false;
    if (!isOwnOrigin(webhook)) {
      o.log.warn({ security: true, webhookOrigin: originOf(webhook) }, "session webhook outside DingTalk's hosts refused");
      return false;
    }
    try {
      const res = await fetch(webhook, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(message), redirect: "error" });
      const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
      o.log.info({ api: "sessionWebhook", status: res.status, errcode: body.errcode }, "dingtalk api call");
      return res.ok && (body.errcode ?? 0) === 0;
    } catch (error) {
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
    const base = oapiBase;
    for (let refreshed = false; ; refreshed = true) {
      const res = await fetch(`${base}/media/upload?access_token=${encodeURIComponent(await token(refreshed))}&type=image`, { method: "POST", body: form });
      const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string; media_id?: string };
      o.log.info({ api: "media/upload", status: res.status, errcode: body.errcode }, "dingtalk api call");
      if (body.errcode === 0 && body.media_id) return body.media_id;
      if (refreshed || (body.errcode !== 40014 && body.errcode !== 42001)) throw new DingtalkApiError("media/upload", res.status, String(body.errcode ?? ""), body.errmsg ?? "no media_id");
    }
  }

  return {
    uploadImage,
    sendImage: (userId: string, mediaId: string) => sendToUsers([userId], "sampleImageMsg", { photoURL: mediaId }),
    sendText: (userId: string, content: string) => sendToUsers([userId], "sampleText", { content }),
    sendMarkdown: (userId: string, title: string, text: string) => sendToUsers([userId], "sampleMarkdown", { title, text }),
    sendToUsers,
    sendGroupText: (openConversationId: string, content: string) =>
      paced("/v1.0/robot/groupMessages/send", { robotCode: o.robotCode, openConversationId, msgKey: "sampleText", msgParam: JSON.stringify({ content }) }),
    replyBySession,
    /** An interactive card into the user's chat with the robot; taps come back through Stream (or HTTP). */
    deliverCard: (o2: { userId: string; outTrackId: string; cardTemplateId: string; params: Record<string, string>; callbackType: "STREAM" | "HTTP" }) =>
      paced("/v1.0/card/instances/createAndDeliver", {
        cardTemplateId: o2.cardTemplateId, outTrackId: o2.outTrackId, callbackType: o2.callbackType,
        ...(o2.callbackType === "HTTP" ? { callbackRouteKey: o.robotCode } : {}),
        cardData: { cardParamMap: o2.params },
        openSpaceId: `dtv1.card//IM_ROBOT.${o2.userId}`,
        imRobotOpenDeliverModel: { spaceType: "IM_ROBOT", robotCode: o.robotCode },
        imRobotOpenSpaceModel: { supportForward: false },
      }),
    /** Updates a card in place for everyone who sees it. */
    updateCard: (outTrackId: string, params: Record<string, string>) =>
      call("PUT", "/v1.0/card/instances", { outTrackId, cardData: { cardParamMap: params }, cardUpdateOptions: { updateCardDataByKey: true } }),
  };
}

export type DingtalkApi = ReturnType<typeof createDingtalkApi>;
