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
  } finally {
    real.close();
    bare.close();
    await fake.close();
  }
}
