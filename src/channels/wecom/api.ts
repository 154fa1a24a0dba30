// WeCom server API client (PROTOCOLS.md §3): token cached in the shared store for every instance,
// one refresh on 42001/40014, backoff with jitter on 45009/-1/network errors, and the per-member
// limit (30 a minute, excess silently dropped by WeCom) kept by waiting, never by dropping.
import type { Logger } from "../../infra/logger.js";
import type { Store } from "../../infra/store.js";
import { backoffDelay, sharedToken } from "../shared-token.js";

export class WecomApiError extends Error {
  constructor(readonly path: string, readonly errcode: number, readonly errmsg: string) {
    super(`WeCom ${path} failed: ${errcode} ${errmsg}`);
  }
}

export type WecomApiOptions = {
  base: string; corpId: string; secret: string; agentId: number; store: Store; log: Logger;
  sleep?: (ms: number) => Promise<void>; now?: () => number;
};

type Reply = { errcode?: number; errmsg?: string; [key: string]: unknown };

const TOKEN_EXPIRED = new Set([42001, 40014]);
const RETRYABLE = new Set([45009, 45033, -1]);
const MAX_TRIES = 4;
export const PER_MEMBER_PER_MINUTE = 30;

export function createWecomApi(o: WecomApiOptions) {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;

  const token = sharedToken(o.store, `wecom:token:${o.corpId}:${o.agentId}`, async () => {
    const url = `${o.base}/cgi-bin/gettoken?corpid=${encodeURIComponent(o.corpId)}&corpsecret=${encodeURIComponent(o.secret)}`;
    const body = (await (await fetch(url)).json()) as Reply & { access_token?: string; expires_in?: number };
    o.log.info({ api: "gettoken", errcode: body.errcode }, "wecom api call");
    if (body.errcode || !body.access_token) throw new WecomApiError("gettoken", body.errcode ?? -1, body.errmsg ?? "no token");
    return { token: body.access_token, expiresInS: body.expires_in };
  });

  const backoff = (attempt: number) => sleep(backoffDelay(attempt));

  const json = (payload: object): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });

  /** One API call with the token handling and retries every call needs; `query` adds to the access token. */
  async function call(path: string, init: () => RequestInit, query = ""): Promise<Reply> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const accessToken = await token(false);
      let body: Reply;
      try {
        const res = await fetch(`${o.base}/cgi-bin/${path}?access_token=${encodeURIComponent(accessToken)}${query}`, init());
        body = (await res.json()) as Reply;
      } catch (error) {
        o.log.warn({ api: path, attempt, err: (error as Error).message }, "wecom api network error");
        if (attempt + 1 >= MAX_TRIES) throw error;
        await backoff(attempt);
        continue;
      }
      const errcode = body.errcode ?? 0;
      o.log.info({ api: path, errcode, attempt }, "wecom api call");
      if (errcode === 0) return body;
      if (TOKEN_EXPIRED.has(errcode) && !refreshed) {
        refreshed = true;
        await token(true);
        continue;
      }
      if (RETRYABLE.has(errcode) && attempt + 1 < MAX_TRIES) {
        await backoff(attempt);
        continue;
      }
      throw new WecomApiError(path, errcode, body.errmsg ?? "");
    }
  }

  /** Waits for a free slot in the member's minute: WeCom drops the 31st message silently. */
  async function pace(userId: string): Promise<void> {
    for (;;) {
      const minute = Math.floor(now() / 60_000);
      const count = await o.store.increment(`wecom:rate:${o.agentId}:${userId}:${minute}`, 61_000);
      if (count <= PER_MEMBER_PER_MINUTE) return;
      await sleep((minute + 1) * 60_000 - now() + 50);
    }
  }

  const post = (path: string, payload: object) => call(path, () => json(payload));

  async function send(userId: string, message: object): Promise<Reply> {
    await pace(userId);
    return post("message/send", { touser: userId, agentid: o.agentId, ...message });
  }

  /** Temporary media (3 days) for an image message: multipart with the file in the "media" field. */
  async function uploadImage(png: Buffer, fileName: string): Promise<string> {
    const form = () => {
      const data = new FormData();
      data.append("media", new Blob([new Uint8Array(png)], { type: "image/png" }), fileName);
      return { method: "POST", body: data };
    };
    const reply = (await call("media/upload", form, "&type=image")) as Reply & { media_id?: string };
    if (!reply.media_id) throw new WecomApiError("media/upload", -1, "no media_id");
    return reply.media_id;
  }

  return {
    sendText: (userId: string, content: string) => send(userId, { msgtype: "text", text: { content } }),
    sendMarkdown: (userId: string, content: string) => send(userId, { msgtype: "markdown", markdown: { content } }),
    sendTemplateCard: (userId: string, card: object) => send(userId, { msgtype: "template_card", template_card: card }),
    sendImage: (userId: string, mediaId: string) => send(userId, { msgtype: "image", image: { media_id: mediaId } }),
    uploadImage,
    updateTemplateCard: (payload: object) => post("message/update_template_card", { agentid: o.agentId, ...payload }),
  };
}

export type WecomApi = ReturnType<typeof createWecomApi>;
