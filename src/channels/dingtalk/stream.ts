// DingTalk Stream mode (PROTOCOLS §4c): an outbound WebSocket, so a county hospital with no public
// address still gets its messages. Our own client rather than the dingtalk-stream SDK, whose gateway
// and token URLs are hard-coded (it cannot be pointed at DINGTALK_API_BASE), and whose users report
// connections that die silently after days and a first message lost after a reconnect. Here:
//   connections/open → {endpoint, ticket} → WebSocket → frames; a CALLBACK frame is acknowledged once
//   its message has landed (stored, or journaled while the database is down). Robot messages and card
//   taps are fire-and-forget: DingTalk never sends them again, acknowledged or not (the Stream protocol
//   FAQ, open-dingtalk/developerpedia docs/learn/stream/protocol.md), so landing is the only safety;
//   on `disconnect` the frames in flight are finished and acknowledged before the socket closes (the
//   gateway closes it after 10 s of silence);
//   reconnects with exponential backoff and jitter; a watchdog pings and replaces a connection that has
//   been silent (no frame, no pong) for the watchdog time.
import os from "node:os";
import WebSocket from "ws";
import { z } from "zod";
import { isAppError } from "../../errors.js";
import type { Logger } from "../../infra/logger.js";
import { exchange } from "../http-core.js";

export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";
export const TOPIC_CARD = "/v1.0/card/instances/callback";

export type StreamOptions = {
  base: string;
  clientId: string;
  clientSecret: string;
  log: Logger;
  /** Handles a CALLBACK frame's data; resolves once it is safe to acknowledge. */
  onCallback: (topic: string, data: unknown) => Promise<unknown>;
  /** A connection silent this long is replaced. */
  watchdogMs: number;
  maxBackoffMs?: number;
};

const FrameSchema = z.looseObject({
  type: z.enum(["SYSTEM", "EVENT", "CALLBACK"]),
  headers: z.looseObject({ messageId: z.string().min(1), topic: z.string().optional() }),
  data: z.string().default(""),
});
type Frame = z.infer<typeof FrameSchema>;

const OpenSchema = z.looseObject({ endpoint: z.string().regex(/^wss?:\/\//), ticket: z.string().min(1) });

const ack = (frame: Frame, data: unknown) =>
  JSON.stringify({ code: 200, headers: { contentType: "application/json", messageId: frame.headers.messageId }, message: "OK", data: JSON.stringify(data) });

export type StreamClient = { stop(): Promise<void> };

export function startStream(o: StreamOptions): StreamClient {
  const maxBackoffMs = o.maxBackoffMs ?? 60_000;
  let stopped = false;
  let socket: WebSocket | undefined;
  let wake: (() => void) | undefined;

  async function open(): Promise<z.infer<typeof OpenSchema>> {
    const { status, body } = await exchange("dingtalk gateway/connections/open", `${o.base}/v1.0/gateway/connections/open`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        clientId: o.clientId, clientSecret: o.clientSecret, ua: `duikou/stream (${os.platform()})`, localIp: "",
        subscriptions: [{ type: "CALLBACK", topic: TOPIC_ROBOT }, { type: "CALLBACK", topic: TOPIC_CARD }, { type: "EVENT", topic: "*" }],
      }),
      timeoutMs: 10_000,
    });
    const parsed = OpenSchema.safeParse(body);
    if (status >= 300 || !parsed.success) throw new Error(`connections/open failed: ${status} ${JSON.stringify(body).slice(0, 200)}`);
    return parsed.data;
  }

  async function onCallback(ws: WebSocket, frame: Frame): Promise<void> {
    const topic = frame.headers.topic ?? "";
    try {
      const result = await o.onCallback(topic, JSON.parse(frame.data || "null"));
      ws.send(ack(frame, { response: result ?? null }));
    } catch (error) {
      if (error instanceof SyntaxError || (isAppError(error) && error.status < 500)) {
        // Sending it again cannot help: acknowledged, logged as a refused message.
        o.log.warn({ topic, messageId: frame.headers.messageId, err: (error as Error).message, security: isAppError(error) && error.code !== "bad_payload" }, "stream frame refused");
        ws.send(ack(frame, { response: null }));
        return;
      }
      // Neither stored nor journaled. DingTalk will not send a CALLBACK frame again, so this message is
      // lost: said loudly, with what identifies it.
      o.log.error({ topic, messageId: frame.headers.messageId, err: (error as Error).message }, "stream frame neither stored nor journaled: lost");
    }
  }

  function onFrame(ws: WebSocket, raw: WebSocket.RawData, inFlight: Set<Promise<void>>): void {
    let frame: Frame;
    try {
      frame = FrameSchema.parse(JSON.parse(raw.toString()));
    } catch {
      o.log.warn({ frame: raw.toString().slice(0, 200) }, "stream frame not understood");
      return;
    }
    const topic = frame.headers.topic;
    if (frame.type === "CALLBACK") {
      const work = onCallback(ws, frame);
      inFlight.add(work);
      return void work.finally(() => inFlight.delete(work));
    }
    if (frame.type === "EVENT") return void ws.send(ack(frame, { status: "SUCCESS", message: "OK" }));
    if (topic === "ping") return void ws.send(JSON.stringify({ code: 200, headers: frame.headers, message: "OK", data: frame.data }));
    if (topic === "disconnect") {
      o.log.info({ inFlight: inFlight.size }, "stream gateway asked to reconnect");
      return void Promise.allSettled([...inFlight]).then(() => ws.close());
    }
    o.log.debug({ topic }, "stream system frame");
  }

  /** One connection's life: resolves when it closes, for whatever reason. */
  function session(endpoint: string, ticket: string, onOpen: () => void): Promise<void> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${endpoint}${endpoint.includes("?") ? "&" : "?"}ticket=${encodeURIComponent(ticket)}`);
      socket = ws;
      const inFlight = new Set<Promise<void>>();
      let lastSeen = Date.now();
      const seen = () => (lastSeen = Date.now());
      const watchdog = setInterval(() => {
        if (Date.now() - lastSeen > o.watchdogMs) {
          o.log.warn({ silentMs: Date.now() - lastSeen }, "stream connection silent; replacing it");
          ws.terminate();
        } else if (ws.readyState === WebSocket.OPEN) ws.ping();
      }, Math.max(250, Math.floor(o.watchdogMs / 3)));
      ws.on("open", () => (seen(), onOpen(), o.log.info("stream connected")));
      ws.on("pong", seen);
      ws.on("ping", seen);
      ws.on("message", (raw) => (seen(), onFrame(ws, raw, inFlight)));
      ws.on("error", (error) => o.log.warn({ err: error.message }, "stream connection error"));
      ws.on("close", (code) => {
        clearInterval(watchdog);
        if (!stopped) o.log.warn({ code }, "stream connection closed");
        resolve();
      });
    });
  }

  const pause = (ms: number) => new Promise<void>((r) => { const t = setTimeout(r, ms); wake = () => (clearTimeout(t), r()); });

  const running = (async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        const { endpoint, ticket } = await open();
        await session(endpoint, ticket, () => (attempt = 0));
      } catch (error) {
        o.log.warn({ err: (error as Error).message, attempt }, "stream connection failed");
      }
      if (stopped) break;
      const delay = Math.min(maxBackoffMs, 500 * 2 ** attempt) + Math.floor(Math.random() * 250);
      o.log.info({ delayMs: delay }, "stream reconnecting");
      await pause(delay);
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      socket?.terminate();
      await running;
    },
  };
}
