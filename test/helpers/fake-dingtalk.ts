// A small fake DingTalk on loopback for end-to-end tests of the real server process: the HTTP API
// (token, robot sends, session webhooks, cards) and a Stream gateway speaking PROTOCOLS §4c —
// connections/open → ticket → WebSocket → frames → acks. It delivers as the Stream protocol FAQ says
// (open-dingtalk/developerpedia docs/learn/stream/protocol.md): robot messages and card callbacks
// (CALLBACK frames) are fire-and-forget, "机器人消息当前是fire-forgot模式，不会因为网络超时而重复推送" —
// pushed once, to the connection the gateway holds, and never again, acknowledged or not (a push with no
// live connection is lost); only EVENT frames are sent again until acknowledged. The gateway sends its
// SYSTEM pings ("ping: 用于 WebSocket 长连接健康检查"; how often is not documented: every `pingMs` here).
// On `disconnect` it stops delivering to that connection at once and closes it after 10 s ("服务端在静默
// 10s之后会主动断开 tcp 连接"; PROTOCOLS §8): a push before the next connection opens is lost.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export type FakeDingtalk = {
  base: string;
  /** Robot one-to-one sends, session webhook replies, card deliveries and card updates, as received. */
  batch: { userIds: string[]; msgKey: string; content?: string }[];
  session: { session: string; content: string; at: number }[];
  cards: { outTrackId: string; cardTemplateId: string; params: Record<string, string> }[];
  updates: { outTrackId: string; params: Record<string, string> }[];
  opens: number;
  /** Frames pushed and not yet acknowledged, by messageId (CALLBACK frames stay here: they are never re-sent). */
  unacked: Map<string, string>;
  acks: string[];
  /** Pushes a CALLBACK frame, once; `loseAck` makes the gateway ignore its ack and drop the connection. */
  push(topic: string, data: unknown, o?: { loseAck?: boolean }): string;
  /** Pushes an EVENT frame, sent again every second (and on the next connection) until acknowledged. */
  pushEvent(topic: string, data: unknown): string;
  /** Asks the client to reconnect (SYSTEM disconnect), as the gateway does before it restarts. */
  disconnect(): void;
  /** Closes every Stream connection, as a gateway restart does. */
  drop(): void;
  /** Stops reading the current connection: no acks, no pongs (a dead connection). */
  freeze(): void;
  /** Stops delivering anything on the current connection, pings included, while it still pongs (a zombie). */
  zombie(): void;
  /** Whether a new connection was opened while the one told to disconnect was still open. */
  readonly overlapped: boolean;
  /** SYSTEM pings sent on the current connection. */
  readonly pings: number;
  connected(): boolean;
  close(): Promise<void>;
};

export async function startFakeDingtalk(o: { clientId: string; clientSecret: string; pingMs?: number }): Promise<FakeDingtalk> {
  const state = {
    batch: [] as FakeDingtalk["batch"], session: [] as FakeDingtalk["session"], cards: [] as FakeDingtalk["cards"], updates: [] as FakeDingtalk["updates"],
    opens: 0, unacked: new Map<string, string>(), acks: [] as string[],
  };
  const events = new Map<string, string>();
  const tickets = new Set<string>();
  const losing = new Set<string>();
  let current: WebSocket | undefined;
  const leaving = new Set<WebSocket>();
  let overlapped = false;
  let pings = 0;
  const DISCONNECT_CLOSE_MS = 10_000;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : {};
      const json = (status: number, value: unknown) => ((res.statusCode = status), res.setHeader("content-type", "application/json"), res.end(JSON.stringify(value)));
      if (url.pathname === "/v1.0/oauth2/accessToken") return json(200, { accessToken: "FAKE-DT-TOKEN", expireIn: 7200 });
      if (url.pathname === "/v1.0/gateway/connections/open") {
        if (body.clientId !== o.clientId || body.clientSecret !== o.clientSecret) return json(401, { code: "authFailed", message: "鉴权失败" });
        state.opens++;
        const ticket = randomUUID();
        tickets.add(ticket);
        return json(200, { endpoint: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/connect`, ticket });
      }
      if (url.pathname === "/robot/sendBySession") {
        state.session.push({ session: url.searchParams.get("session") ?? "", content: body.text?.content ?? "", at: performance.now() });
        return json(200, { errcode: 0, errmsg: "ok" });
      }
      if (req.headers["x-acs-dingtalk-access-token"] !== "FAKE-DT-TOKEN") return json(401, { code: "InvalidAuthentication", message: "不合法的access_token" });
      if (url.pathname === "/v1.0/robot/oToMessages/batchSend") {
        state.batch.push({ userIds: body.userIds, msgKey: body.msgKey, content: JSON.parse(body.msgParam).content });
        return json(200, { processQueryKey: "q", invalidStaffIdList: [], flowControlledStaffIdList: [] });
      }
      if (url.pathname === "/v1.0/card/instances/createAndDeliver") {
        state.cards.push({ outTrackId: body.outTrackId, cardTemplateId: body.cardTemplateId, params: body.cardData.cardParamMap });
        return json(200, { success: true, result: { outTrackId: body.outTrackId } });
      }
      if (url.pathname === "/v1.0/card/instances" && req.method === "PUT") {
        state.updates.push({ outTrackId: body.outTrackId, params: body.cardData.cardParamMap });
        return json(200, { success: true });
      }
      json(404, { code: "NotFound", message: url.pathname });
    });
  });

  const gateway = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const ticket = new URL(req.url ?? "/", "http://x").searchParams.get("ticket") ?? "";
    if (!tickets.delete(ticket)) return socket.destroy(); // a ticket works once
    gateway.handleUpgrade(req, socket, head, (ws) => {
      if ([...leaving].some((old) => old.readyState === 1)) overlapped = true;
      current = ws;
      pings = 0;
      ws.send(JSON.stringify({ specVersion: "1.0", type: "SYSTEM", headers: { messageId: randomUUID(), topic: "CONNECTED", contentType: "application/json" }, data: "{}" }));
      ws.on("message", (raw) => {
        const reply = JSON.parse(raw.toString()) as { code: number; headers: { messageId: string } };
        const id = reply.headers.messageId;
        if (losing.delete(id)) return void ws.terminate();
        if (state.unacked.delete(id) || events.delete(id)) state.acks.push(id);
      });
      for (const frame of events.values()) ws.send(frame);
    });
  });
  const resend = setInterval(() => {
    if (current?.readyState === 1) for (const frame of events.values()) current.send(frame);
  }, 1000);
  const pinging = setInterval(() => {
    if (current?.readyState === 1) (current.send(frame("SYSTEM", "ping", { opaque: randomUUID() }).text), pings++);
  }, o.pingMs ?? 1000);
  const frame = (type: "CALLBACK" | "EVENT" | "SYSTEM", topic: string, data: unknown) => {
    const messageId = randomUUID();
    const text = JSON.stringify({
      specVersion: "1.0", type,
      headers: { appId: o.clientId, connectionId: "c1", contentType: "application/json", messageId, time: String(Date.now()), topic },
      data: JSON.stringify(data),
    });
    return { messageId, text };
  };

  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get batch() { return state.batch; },
    get session() { return state.session; },
    get cards() { return state.cards; },
    get updates() { return state.updates; },
    get opens() { return state.opens; },
    unacked: state.unacked,
    acks: state.acks,
    push(topic, data, opts = {}) {
      const { messageId, text } = frame("CALLBACK", topic, data);
      state.unacked.set(messageId, text);
      if (opts.loseAck) losing.add(messageId);
      current?.send(text);
      return messageId;
    },
    pushEvent(topic, data) {
      const { messageId, text } = frame("EVENT", topic, data);
      events.set(messageId, text);
      current?.send(text);
      return messageId;
    },
    disconnect() {
      const old = current;
      if (!old) return;
      old.send(frame("SYSTEM", "disconnect", { reason: "connection is expired" }).text);
      current = undefined;
      leaving.add(old);
      setTimeout(() => (old.terminate(), leaving.delete(old)), DISCONNECT_CLOSE_MS).unref();
    },
    zombie() {
      current = undefined; // the socket stays open and the ws library still answers pings with pongs
    },
    get overlapped() { return overlapped; },
    get pings() { return pings; },
    drop: () => { for (const ws of gateway.clients) ws.terminate(); },
    freeze() {
      const socket = (current as unknown as { _socket: { pause(): void } })._socket;
      socket.pause();
      current = undefined;
    },
    connected: () => current?.readyState === 1,
    async close() {
      clearInterval(resend);
      clearInterval(pinging);
      for (const ws of gateway.clients) ws.terminate();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
