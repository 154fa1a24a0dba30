import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import Router from "@koa/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { AppError } from "../../src/errors.js";
import { createApp } from "../../src/http/app.js";
import { createMetrics, watchQueue } from "../../src/http/metrics.js";

describe("HTTP app", () => {
  let server: Server;
  let base: string;
  let storeUp = true;
  const lines: string[] = [];

  beforeAll(async () => {
    const log = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const boom = new Router();
    boom.get("/boom", () => { throw new Error("secret internals at /srv/app.ts:12"); });
    boom.get("/teapot", () => { throw new AppError("bad_request", "你的请求有误"); });
    boom.post("/signed", () => { throw new AppError("bad_signature", "signature mismatch"); });
    boom.post("/wecom/callback", (ctx) => {
      if (ctx.query.forged) throw new AppError("bad_signature", "signature mismatch");
      ctx.status = 200;
      ctx.body = "";
    });
    const app = createApp({
      log, metrics: createMetrics(), routers: [boom],
      probes: [{ name: "database", check: async () => undefined }, { name: "store", check: async () => { if (!storeUp) throw new Error("connection refused"); } }],
    });
    server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("answers /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect([res.status, await res.json()]).toEqual([200, { status: "ok" }]);
  });

  it("says which dependency is down on /readyz", async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    storeUp = false;
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", problems: ["store: connection refused"] });
    storeUp = true;
  });

  it("hides internal errors from callers and logs them", async () => {
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain("secret internals");
    expect(body).not.toContain(".ts");
    expect(lines.some((l) => l.includes("secret internals"))).toBe(true);
  });

  it("logs a platform callback only when it is refused: each accepted one is already a stored message and a count on /metrics", async () => {
    const logged = () => lines.filter((l) => l.includes('"path":"/wecom/callback"') && l.includes('"msg":"request"')).map((l) => JSON.parse(l).status as number);
    expect((await fetch(`${base}/wecom/callback`, { method: "POST", body: "<xml/>" })).status).toBe(200);
    expect((await fetch(`${base}/wecom/callback?forged=1`, { method: "POST", body: "<xml/>" })).status).toBe(401);
    expect(logged()).toEqual([401]);
    expect(lines.filter((l) => l.includes('"path":"/healthz"')).length).toBeGreaterThan(0);
  });

  it("shows a user error's message with its status", async () => {
    const res = await fetch(`${base}/teapot`);
    expect([res.status, await res.json()]).toEqual([400, { error: "bad_request", message: "你的请求有误" }]);
  });

  it("serves Prometheus metrics with request counts", async () => {
    await fetch(`${base}/healthz`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/duikou_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain("duikou_inbound_messages_total");
  });

  it("serves /metrics only with METRICS_TOKEN when one is set, and from readings, not a query per scrape", async () => {
    const metrics = createMetrics();
    let depthReads = 0;
    watchQueue(metrics, { depth: async () => (depthReads++, { waiting: 7, oldestMs: 2000 }) }, 60_000);
    const guarded = createApp({ log: pino({ level: "silent" }), metrics, probes: [], metricsToken: "metrics-token-0123456789" }).listen(0);
    await new Promise((r) => guarded.once("listening", r));
    const at = `http://127.0.0.1:${(guarded.address() as AddressInfo).port}/metrics`;
    try {
      expect((await fetch(at)).status).toBe(401);
      expect((await fetch(at, { headers: { authorization: "Bearer wrong-token-0123456789xx" } })).status).toBe(401);
      const scrapes = [];
      for (let i = 0; i < 5; i++) scrapes.push(await (await fetch(at, { headers: { authorization: "Bearer metrics-token-0123456789" } })).text());
      expect(scrapes.every((t) => /duikou_inbound_queue_depth 7/.test(t))).toBe(true);
      expect(depthReads).toBe(1);
    } finally {
      guarded.close();
    }
  });

  it("counts the status a caller was sent, including thrown ones", async () => {
    await fetch(`${base}/boom`);
    await fetch(`${base}/signed`, { method: "POST" });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/duikou_http_requests_total\{method="GET",route="\/boom",status="500"\} \d+/);
    expect(text).toMatch(/duikou_http_requests_total\{method="POST",route="\/signed",status="401"\} \d+/);
    expect(text).not.toMatch(/route="\/(boom|signed)",status="404"/);
    expect(lines.some((l) => l.includes('"path":"/signed"') && l.includes('"status":401'))).toBe(true);
  });

  it("logs the connecting address, not X-Forwarded-For, unless told to trust a proxy", async () => {
    lines.length = 0;
    await fetch(`${base}/signed`, { method: "POST", headers: { "x-forwarded-for": "203.0.113.9" } });
    const security = lines.filter((l) => l.includes("signature mismatch"));
    expect(security).toHaveLength(1);
    expect(security[0]).not.toContain("203.0.113.9");
    expect(security[0]).toMatch(/"ip":"(::ffff:)?127\.0\.0\.1"/);

    const proxied = createApp({ log: pino({ level: "info" }, { write: (l: string) => void lines.push(l) }), metrics: createMetrics(), probes: [], trustProxy: true, routers: [signedOnly()] }).listen(0);
    await new Promise((r) => proxied.once("listening", r));
    lines.length = 0;
    await fetch(`http://127.0.0.1:${(proxied.address() as AddressInfo).port}/signed`, { method: "POST", headers: { "x-forwarded-for": "203.0.113.9" } });
    proxied.close();
    expect(lines.find((l) => l.includes("signature mismatch"))).toContain('"ip":"203.0.113.9"');
  });
});

function signedOnly(): Router {
  const router = new Router();
  router.post("/signed", () => { throw new AppError("bad_signature", "signature mismatch"); });
  return router;
}
