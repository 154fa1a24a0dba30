// DingTalk Stream mode (PROTOCOLS §4c): an outbound WebSocket, so a county hospital with no public
// address still gets its messages. Our own client rather than the dingtalk-stream SDK, whose gateway
// and token URLs are hard-coded (it cannot be pointed at DINGTALK_API_BASE), and whose users report
// connections that die silently after days and a first message lost after a reconnect. Here:
//   connections/open → {endpoint, ticket} → WebSocket → frames; a CALLBACK frame is acknowledged once
//   its message has landed (stored, or journaled while the database is down). Robot messages and card
//   taps are fire-and-forget: DingTalk never sends them again, acknowledged or not (the Stream protocol
//   FAQ, open-dingtalk/developerpedia docs/learn/stream/protocol.md), so landing is the only safety;
//   on `disconnect` the gateway stops delivering to that connection at once and closes it 10 s later, so
//   the new connection is opened at once, before the old one is closed, and the old one's frames in
//   flight are finished and acknowledged on it meanwhile (PROTOCOLS §8; a gap with no connection loses
//   whatever the gateway pushes in it);
//   reconnects with exponential backoff and jitter; a watchdog replaces a connection that has been
//   silent (no frame, no pong) for the watchdog time, and one that still answers pongs but has stopped
//   carrying the gateway's own SYSTEM pings ("ping: 用于 WebSocket 长连接健康检查", developerpedia
//   protocol.md): a zombie that pongs and delivers nothing. The gateway's ping interval is not
//   documented, so it is learnt from the connection: once two pings have come, three intervals with no
//   frame at all mean the connection is dead. A gateway that never pings is judged by pongs alone.
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

/** The gateway closes a connection 10 s after its `disconnect` (developerpedia protocol.md). */
const DISCONNECT_CLOSE_MS = 10_000;

/**
 * Whether a connection still lives: pongs show the socket is up, frames that the gateway delivers; its
 * SYSTEM pings, once two have come, set how long a live connection can go without any frame.
 */
export function liveness(watchdogMs: number) {
  let lastFrame = Date.now();
  let lastPong = Date.now();
  const pings: number[] = [];
  return {
    frame(at: number, ping = false) {
      lastFrame = at;
      if (ping && pings.push(at) > 2) pings.shift();
    },
    pong: (at: number) => void (lastPong = at),
    /** Why the connection counts as dead at `at`, or undefined while it lives. */
    dead(at: number): { silentMs: number; noFramesMs?: number } | undefined {
      const silentMs = at - Math.max(lastFrame, lastPong);
      if (silentMs > watchdogMs) return { silentMs };
      const interval = pings.length === 2 ? pings[1] - pings[0] : undefined;
      const noFramesMs = at - lastFrame;
      if (interval !== undefined && noFramesMs > Math.max(3 * interval, watchdogMs)) return { silentMs, noFramesMs };
      return undefined;
    },
  };
}

export function startStream(o: StreamOptions): StreamClient {
  const maxBackoffMs = o.maxBackoffMs ?? 60_000;
  let stopped = false;
  const sockets = new Set<WebSocket>();
  /** What waits for the next connection to open: a connection the gateway asked us to leave. */
  const afterNextOpen: (() => void)[] = [];
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

  function parseFrame(raw: WebSocket.RawData): Frame | undefined {
    try {
      return FrameSchema.parse(JSON.parse(raw.toString()));
    } catch {
      o.log.warn({ frame: raw.toString().slice(0, 200) }, "stream frame not understood");
      return undefined;
    }
  }

  function onFrame(ws: WebSocket, frame: Frame, inFlight: Set<Promise<void>>, onDisconnect: () => void): void {
    const topic = frame.headers.topic;
    if (frame.type === "CALLBACK") {
      const work = onCallback(ws, frame);
      inFlight.add(work);
      return void work.finally(() => inFlight.delete(work));
    }
    if (frame.type === "EVENT") return void ws.send(ack(frame, { status: "SUCCESS", message: "OK" }));
    if (topic === "ping") return void ws.send(JSON.stringify({ code: 200, headers: frame.headers, message: "OK", data: frame.data }));
    if (topic === "disconnect") {
      o.log.info({ inFlight: inFlight.size }, "stream gateway asked to reconnect; opening the new connection first");
      onDisconnect();
      // Closed once its frames are acknowledged and the next connection is open (the gateway closes it
      // after 10 s in any case).
      const close = () => ws.close();
      setTimeout(close, DISCONNECT_CLOSE_MS).unref();
      return void Promise.allSettled([...inFlight]).then(() => afterNextOpen.push(close));
    }
    o.log.debug({ topic }, "stream system frame");
  }

  /**
   * One connection's life: resolves "replaced" as soon as the gateway asks for a new connection (this
   * one then closes by itself once its frames in flight are acknowledged), or "closed" when it closes.
   */
  function session(endpoint: string, ticket: string, onOpen: () => void): Promise<"closed" | "replaced"> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${endpoint}${endpoint.includes("?") ? "&" : "?"}ticket=${encodeURIComponent(ticket)}`);
      sockets.add(ws);
      const inFlight = new Set<Promise<void>>();
      const alive = liveness(o.watchdogMs);
      const watchdog = setInterval(() => {
        const dead = alive.dead(Date.now());
        if (dead) {
          o.log.warn({ ...dead }, "stream connection silent; replacing it");
          ws.terminate();
        } else if (ws.readyState === WebSocket.OPEN) ws.ping();
      }, Math.max(250, Math.floor(o.watchdogMs / 3)));
      ws.on("open", () => {
        alive.frame(Date.now());
        onOpen();
        o.log.info("stream connected");
        for (const close of afterNextOpen.splice(0)) close();
      });
      ws.on("pong", () => alive.pong(Date.now()));
      ws.on("ping", () => alive.pong(Date.now()));
      ws.on("message", (raw) => {
        const frame = parseFrame(raw);
        alive.frame(Date.now(), frame?.type === "SYSTEM" && frame.headers.topic === "ping");
        if (frame) onFrame(ws, frame, inFlight, () => resolve("replaced"));
      });
      ws.on("error", (error) => o.log.warn({ err: error.message }, "stream connection error"));
      ws.on("close", (code) => {
        clearInterval(watchdog);
        sockets.delete(ws);
        if (!stopped) o.log.warn({ code }, "stream connection closed");
        resolve("closed");
      });
    });
  }

  const pause = (ms: number) => new Promise<void>((r) => { const t = setTimeout(r, ms); wake = () => (clearTimeout(t), r()); });

  const running = (async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        const { endpoint, ticket } = await open();
        // Replaced at the gateway's request: the next connection is opened now, with no pause.
        if ((await session(endpoint, ticket, () => (attempt = 0))) === "replaced") {
          attempt = -1;
          continue;
        }
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
      for (const ws of sockets) ws.terminate();
      await running;
    },
  };
}
