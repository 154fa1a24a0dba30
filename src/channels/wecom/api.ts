// WeCom server API client (PROTOCOLS.md §3), over the one HTTP core (channels/http-core): every call
// has a timeout and fails typed. The token is cached in the shared store for every instance, with one
// refresh on 42001/40014; 45009/45033/-1 and 5xx back off and retry. The per-member limit (30 a minute,
// excess silently dropped by WeCom, doc 90454) is kept by waiting, never by dropping. Sends ask WeCom
// to drop a repeat of the same message within 30 minutes (enable_duplicate_check, doc 90236), so the
// outbox can send again after a timeout that may have delivered without doubling the message.
import type { Logger } from "../../infra/logger.js";
import type { Store } from "../../infra/store.js";
import { exchange, PlatformError, refusedCode, withRetries, type Answer } from "../http-core.js";
import { sharedToken } from "../shared-token.js";
import { splitText } from "./split-text.js";

export type WecomApiOptions = {
  base: string; corpId: string; secret: string; agentId: number; store: Store; log: Logger;
  sleep?: (ms: number) => Promise<void>; now?: () => number;
  /** Per call; WeCom answers within a second or two, so ten is already generous. */
  timeoutMs?: number;
};

const TOKEN_EXPIRED = new Set([42001, 40014]);
const RETRYABLE = new Set([45009, 45033, -1]);
const MAX_TRIES = 4;
export const PER_MEMBER_PER_MINUTE = 30;
/** message/send's text limit (doc 90236): longer text is cut by WeCom, so we send it in parts. */
export const MAX_TEXT_BYTES = 2048;
const DUPLICATE_CHECK = { enable_duplicate_check: 1, duplicate_check_interval: 1800 };

export function createWecomApi(o: WecomApiOptions) {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 10_000;

  /** WeCom answers 200 with an errcode; anything but 0 is a refusal. */
  function judge(api: string, { status, body }: Answer): Record<string, unknown> {
    const errcode = Number(body.errcode ?? (status < 400 ? 0 : -1));
    o.log.info({ api, status, errcode }, "wecom api call");
    if (errcode === 0 && status < 400) return body;
    throw new PlatformError(`wecom ${api}`, {
      kind: "refused", status, code: String(errcode), message: String(body.errmsg ?? ""), retryable: RETRYABLE.has(errcode) || status >= 500,
    });
  }

  const token = sharedToken(o.store, `wecom:token:${o.corpId}:${o.agentId}`, now, async () => {
    const url = `${o.base}/cgi-bin/gettoken?corpid=${encodeURIComponent(o.corpId)}&corpsecret=${encodeURIComponent(o.secret)}`;
    const body = judge("gettoken", await exchange("wecom gettoken", url, { timeoutMs }));
    if (typeof body.access_token !== "string") throw new PlatformError("wecom gettoken", { kind: "refused", status: 200, code: "no_token", message: "", retryable: false });
    return { token: body.access_token, expiresInS: Number(body.expires_in) || undefined };
  });

  const json = (payload: object): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });

  /** One API call with the token handling and the retry policy every call needs; `query` adds to the access token. */
  function call(path: string, init: () => RequestInit, query = ""): Promise<Record<string, unknown>> {
    let refreshed = false;
    return withRetries(MAX_TRIES, sleep, async () => {
      for (;;) {
        const accessToken = await token(false);
        const answer = await exchange(`wecom ${path}`, `${o.base}/cgi-bin/${path}?access_token=${encodeURIComponent(accessToken)}${query}`, { ...init(), timeoutMs });
        try {
          return judge(path, answer);
        } catch (error) {
          if (!TOKEN_EXPIRED.has(Number(refusedCode(error))) || refreshed) throw error;
          refreshed = true;
          await token(true);
        }
      }
    });
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

  async function send(userId: string, message: object): Promise<void> {
    await pace(userId);
    await post("message/send", { touser: userId, agentid: o.agentId, ...message, ...DUPLICATE_CHECK });
  }

  /** Temporary media (3 days) for an image message: multipart with the file in the "media" field. */
  async function uploadImage(png: Buffer, fileName: string): Promise<string> {
    const form = () => {
      const data = new FormData();
      data.append("media", new Blob([new Uint8Array(png)], { type: "image/png" }), fileName);
      return { method: "POST", body: data };
    };
    const reply = await call("media/upload", form, "&type=image");
    if (typeof reply.media_id !== "string") throw new PlatformError("wecom media/upload", { kind: "refused", status: 200, code: "no_media_id", message: "", retryable: false });
    return reply.media_id;
  }

  /**
   * The member behind a web sign-in code (网页授权, PROTOCOLS §3.7): `auth/getuserinfo` answers `userid`
   * for a member (the older API spelled it `UserId`), `openid` for a non-member, who is not signed in.
   */
  async function memberOfCode(code: string): Promise<string | undefined> {
    const reply = await call("auth/getuserinfo", () => ({ method: "GET" }), `&code=${encodeURIComponent(code)}`);
    const userId = reply.userid ?? reply.UserId;
    return typeof userId === "string" && userId !== "" ? userId : undefined;
  }

  return {
    memberOfCode,
    /** Text in parts of at most 2,048 bytes, split between lines, in order. */
    async sendText(userId: string, content: string): Promise<void> {
      for (const part of splitText(content, MAX_TEXT_BYTES)) await send(userId, { msgtype: "text", text: { content: part } });
    },
    sendTemplateCard: (userId: string, card: object) => send(userId, { msgtype: "template_card", template_card: card }),
    sendImage: (userId: string, mediaId: string) => send(userId, { msgtype: "image", image: { media_id: mediaId } }),
    uploadImage,
    updateTemplateCard: (payload: object) => post("message/update_template_card", { agentid: o.agentId, ...payload }),
  };
}

export type WecomApi = ReturnType<typeof createWecomApi>;
