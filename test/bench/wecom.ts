// WeCom callback figures: encrypted text callbacks through the real route (verify, decrypt, store, ack)
// next to a bare Koa handler in the same run, and the time from callback to reply under that load.
import { pino } from "pino";
import { createWecomApi } from "../../src/channels/wecom/api.js";
import { wecomRoutes } from "../../src/channels/wecom/routes.js";
import { createApp } from "../../src/http/app.js";
import { createMetrics } from "../../src/http/metrics.js";
import type { Database } from "../../src/infra/db.js";
import type { Store } from "../../src/infra/store.js";
import { startFakeWecom } from "../helpers/fake-wecom.js";
import { buildCallback, SET_A, textXml } from "../helpers/wecom.js";
import { bareKoa, CONCURRENCY, fmt, listen, load, percentile } from "./load.js";

export async function benchWecom(db: Database, store: Store, storeLabel: string): Promise<void> {
  const doctors = await db.prisma.person.findMany({ where: { name: { startsWith: "医生" } }, take: 1000, orderBy: { id: "asc" }, select: { id: true } });
  await db.prisma.chatIdentity.createMany({ data: doctors.map((d) => ({ platform: "wecom" as const, externalUserId: `bench-${d.id}`, personId: d.id })), skipDuplicates: true });
  const fake = await startFakeWecom();
  const app = { ...SET_A, agentId: String(3_000_000 + Math.floor(Math.random() * 1_000_000)) };
  const log = pino({ level: "silent" });
  const pending: Promise<void>[] = [];
  const bot = { prisma: db.prisma, store, log, tz: "Asia/Shanghai", now: () => new Date("2024-06-15T10:00:00+08:00"), dailyLimits: {} };
  const api = createWecomApi({ base: fake.base, corpId: app.corpId, secret: "s", agentId: Number(app.agentId), store, log });
  const real = createApp({ log, metrics: createMetrics(), probes: [], routers: [wecomRoutes({ secrets: app, agentId: app.agentId, bot, api, track: (w) => void pending.push(w) })] }).listen(0);
  const bare = bareKoa().listen(0);
  try {
    const [realBase, bareBase] = await Promise.all([listen(real), listen(bare)]);
    const now = Math.floor(new Date("2024-06-15T10:00:00+08:00").getTime() / 1000);
    const callbacks = doctors.map((d, i) => {
      const cb = buildCallback(app, textXml({ corpId: app.corpId, from: `bench-${d.id}`, content: "讲座+1 查房+3", msgId: String(9_000_000_000 + i), agentId: app.agentId, createTime: now }), now);
      return { query: cb.query, body: cb.body };
    });
    const bareRun = await load(callbacks.map((c) => ({ url: `${bareBase}/wecom/callback?${c.query}`, body: c.body })));
    const realRun = await load(callbacks.map((c) => ({ url: `${realBase}/wecom/callback?${c.query}`, body: c.body })));
    await Promise.all(pending);
    const replyAt = new Map(fake.sent.map((s) => [s.touser, s.at]));
    const toReply = doctors.map((d, i) => replyAt.get(`bench-${d.id}`)! - realRun.sentAt[i]).sort((a, b) => a - b);
    const n = callbacks.length;
    console.log(`wecom callbacks on PostgreSQL + ${storeLabel} (${n} encrypted text callbacks, ${CONCURRENCY} at a time):`);
    console.log(`  bare Koa:   ${fmt(bareRun.perSecond)}/s  p50 ${fmt(bareRun.p50)} ms  p99 ${fmt(bareRun.p99)} ms`);
    console.log(`  real route: ${fmt(realRun.perSecond)}/s  p50 ${fmt(realRun.p50)} ms  p99 ${fmt(realRun.p99)} ms  (ack path: verify, decrypt, store, 200)`);
    console.log(`  ratio real/bare: throughput ${fmt((realRun.perSecond / bareRun.perSecond) * 100)}%, p99 ×${fmt(realRun.p99 / bareRun.p99)}`);
    console.log(`  callback → reply sent: p50 ${fmt(percentile(toReply, 50))} ms  p99 ${fmt(percentile(toReply, 99))} ms  (${fake.sent.length} replies for ${n} callbacks)`);
    await benchJunk(realBase, now, callbacks.slice(0, 200).map((c) => ({ url: `${realBase}/wecom/callback?${c.query}`, body: c.body })));
  } finally {
    real.close();
    bare.close();
    await fake.close();
  }
}

/** CPU (this whole process: generator and server) per request, over `requests` sent 8 at a time; and the statuses seen. */
async function cpuPer(requests: { url: string; body: string }[]): Promise<{ cpuMs: number; statuses: Set<number> }> {
  const statuses = new Set<number>();
  let next = 0;
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const res = await fetch(requests[i].url, { method: "POST", body: requests[i].body });
      await res.text();
      statuses.add(res.status);
    }
  }));
  const used = process.cpuUsage(before);
  return { cpuMs: (used.user + used.system) / 1000 / requests.length, statuses };
}

/**
 * What an unauthenticated caller costs: 64 KB bodies of unclosed tags (the shape that made the old XML
 * reader backtrack) with a fresh timestamp and a made-up signature, next to valid callbacks in the same
 * run (already stored, so these are the platform's retries: verify, decrypt, dedupe, 200); and /healthz
 * latency while 8 such junk requests are in flight at all times.
 */
async function benchJunk(base: string, now: number, valid: { url: string; body: string }[]): Promise<void> {
  const junkBody = "<xml>" + "<a>".repeat(Math.floor((64 * 1024 - 11) / 3)) + "</xml>";
  const junk = Array.from({ length: 400 }, (_, i) => ({ url: `${base}/wecom/callback?msg_signature=${"0".repeat(40)}&timestamp=${now}&nonce=${i}`, body: junkBody }));
  const good = await cpuPer(valid);
  const bad = await cpuPer(junk);
  let stop = false;
  const flood = Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = 0; !stop; i++) await (await fetch(junk[i % junk.length].url, { method: "POST", body: junkBody })).text();
  }));
  const health: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await (await fetch(`${base}/healthz`)).text();
    health.push(performance.now() - t0);
  }
  stop = true;
  await flood;
  health.sort((a, b) => a - b);
  const us = (ms: number) => fmt(ms * 1000);
  console.log(`  unauthenticated 64 KB junk (fresh timestamp, so the body is read): ${us(bad.cpuMs)} µs CPU a request (answered ${[...bad.statuses].join("/")}), a valid callback ${us(good.cpuMs)} µs (answered ${[...good.statuses].join("/")}); both include the load generator's own share, in this process`);
  console.log(`  /healthz while 8 junk requests are in flight: p50 ${fmt(percentile(health, 50))} ms  p99 ${fmt(percentile(health, 99))} ms`);
}
