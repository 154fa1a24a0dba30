import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import Router from "@koa/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { AppError } from "../../src/errors.js";
import { createApp } from "../../src/http/app.js";
import { createMetrics } from "../../src/http/metrics.js";

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
});
