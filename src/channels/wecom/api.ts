// WeCom server API client (PROTOCOLS.md §3), over the one HTTP core (channels/http-core): every call
// has a timeout and fails typed. The token is cached in the shared store for every instance, with one
// refresh on 42001/40014; 45033/-1 and 5xx back off and retry. 45009 (frequency exceeded) is a block
// that lasts at least a minute (doc 90454: a per-minute limit blocks for 60 s, a per-hour one for an
// hour), so every instance holds its calls for the block instead of retrying within seconds. The
// per-member limits (30 a minute, 1,000 an hour, excess silently dropped, doc 90454) are kept by
// waiting, never by dropping (member-pace.ts).
//
// WeCom's duplicate check (doc 90236) drops a message whose request JSON equals one sent within the
// interval, silently. An answer must never be dropped (帮助 asked twice gets two answers), so answers go
// without it; only the outbox's sends (`resending`) ask for it, because the outbox sends again after a
// timeout that may have delivered, and a reminder is the same reminder when sent again.
import type { Logger } from "../../infra/logger.js";
import type { Store } from "../../infra/store.js";
import { exchange, PlatformError, refusedCode, withRetries, type Answer } from "../http-core.js";
import { sharedHold } from "../shared-hold.js";
import { sharedToken } from "../shared-token.js";
import { paceMember, reserveSlot } from "./member-pace.js";
import { splitText } from "./split-text.js";

export type WecomApiOptions = {
  base: string; corpId: string; secret: string; agentId: number; store: Store; log: Logger;
  sleep?: (ms: number) => Promise<void>; now?: () => number;
  /** Per call; WeCom answers within a second or two, so ten is already generous. */
  timeoutMs?: number;
};

const TOKEN_EXPIRED = new Set([42001, 40014]);
const RETRYABLE = new Set([45033, -1]);
const FREQUENCY_BLOCKED = 45009;
/** The shortest documented block (a per-minute limit): a per-hour one shows as 45009 again after it. */
export const FREQUENCY_BLOCK_MS = 60_000;
const MAX_TRIES = 4;
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

  /** This app blocked by WeCom for frequency: every instance's calls wait it out. */
  const frequencyBlock = sharedHold({ store: o.store, key: `wecom:blocked:${o.corpId}:${o.agentId}`, now, sleep });

  async function blocked(path: string): Promise<void> {
    o.log.warn({ api: path, blockMs: FREQUENCY_BLOCK_MS }, "wecom frequency limit hit (45009): holding this app's calls for the block");
    await frequencyBlock.hold(FREQUENCY_BLOCK_MS);
  }

  /** One API call with the token handling and the retry policy every call needs; `query` adds to the access token. */
  function call(path: string, init: () => RequestInit, query = ""): Promise<Record<string, unknown>> {
    let refreshed = false;
    let blocks = 0;
    return withRetries(MAX_TRIES, sleep, async () => {
      for (;;) {
        await frequencyBlock.waitOut();
        const accessToken = await token(false);
        const answer = await exchange(`wecom ${path}`, `${o.base}/cgi-bin/${path}?access_token=${encodeURIComponent(accessToken)}${query}`, { ...init(), timeoutMs });
        try {
          return judge(path, answer);
        } catch (error) {
          const code = Number(refusedCode(error));
          if (code === FREQUENCY_BLOCKED && blocks++ < MAX_TRIES - 1) {
            await blocked(path);
            continue;
          }
          if (!TOKEN_EXPIRED.has(code) || refreshed) throw error;
          refreshed = true;
          await token(true);
        }
      }
    });
  }

  const post = (path: string, payload: object) => call(path, () => json(payload));

  const paceKey = (userId: string) => `wecom:sent:${o.agentId}:${userId}`;

  async function send(userId: string, message: object, o2: SendMode): Promise<Record<string, unknown>> {
    if (!o2.reserved) await paceMember({ store: o.store, key: paceKey(userId), now, sleep });
    return post("message/send", { touser: userId, agentid: o.agentId, ...message, ...(o2.duplicateCheck ? DUPLICATE_CHECK : {}) });
  }

  /** The three kinds of message we send a member; with the duplicate check for the outbox's resends. */
  const senders = (duplicateCheck: boolean, reserved = false): WecomSenders => {
    const mode = { duplicateCheck, reserved };
    return {
      async sendText(userId, content) {
        for (const part of splitText(content, MAX_TEXT_BYTES)) await send(userId, { msgtype: "text", text: { content: part } }, mode);
      },
      async sendTemplateCard(userId, card) {
        const reply = await send(userId, { msgtype: "template_card", template_card: card }, mode);
        return { responseCode: typeof reply.response_code === "string" && reply.response_code !== "" ? reply.response_code : undefined };
      },
      sendImage: async (userId, mediaId) => void (await send(userId, { msgtype: "image", image: { media_id: mediaId } }, mode)),
      uploadImage,
    };
  };

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
    ...senders(false),
    /** The same sends with WeCom's duplicate check: for the outbox, which may send a reminder again. */
    resending: senders(true),
    /** Sends whose member slot was taken beforehand with reserveSlot (channels/wecom/answer-queue.ts). */
    reserved: senders(false, true),
    /** Takes a slot in the member's pace now (0), or says how long until one is free. */
    reserveSlot: (userId: string) => reserveSlot({ store: o.store, key: paceKey(userId), now, sleep }),
    memberOfCode,
    updateTemplateCard: (payload: object) => post("message/update_template_card", { agentid: o.agentId, ...payload }),
  };
}

type SendMode = { duplicateCheck: boolean; reserved: boolean };

export type WecomSenders = {
  /** Text in parts of at most 2,048 bytes, split between lines, in order. */
  sendText(userId: string, content: string): Promise<void>;
  /** With the response_code WeCom returns for an interactive card (to update it later, once, within 72 h). */
  sendTemplateCard(userId: string, card: object): Promise<{ responseCode?: string }>;
  sendImage(userId: string, mediaId: string): Promise<void>;
  uploadImage(png: Buffer, fileName: string): Promise<string>;
};
export type WecomApi = ReturnType<typeof createWecomApi>;
