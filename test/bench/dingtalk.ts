// DingTalk HTTP-mode figures: signed robot callbacks through the real route (verify the sign, validate,
// store, ack) next to a bare Koa handler in the same run, and the time from callback to the answer on
// the session webhook (the fake DingTalk on loopback).
import { pino } from "pino";
import { createDingtalkApi } from "../../src/channels/dingtalk/api.js";
import { dingtalkRoutes } from "../../src/channels/dingtalk/routes.js";
import { createApp } from "../../src/http/app.js";
import { createMetrics } from "../../src/http/metrics.js";
import type { Database } from "../../src/infra/db.js";
import type { Store } from "../../src/infra/store.js";
import { robotMessage, signedHeaders } from "../helpers/dingtalk.js";
import { startFakeDingtalk } from "../helpers/fake-dingtalk.js";
import { bareKoa, CONCURRENCY, fmt, listen, load, percentile } from "./load.js";

export async function benchDingtalk(db: Database, store: Store, storeLabel: string): Promise<void> {
  const doctors = await db.client.person.findMany({ where: { name: { startsWith: "医生" } }, take: 1000, orderBy: { id: "asc" }, select: { id: true } });
  await db.client.chatIdentity.createMany({ data: doctors.map((d) => ({ platform: "dingtalk" as const, externalUserId: `bench-dt-${d.id}`, personId: d.id })), skipDuplicates: true });
  const app = { clientId: `benchkey${Math.floor(Math.random() * 1e9)}`, clientSecret: "bench-secret" };
  const fake = await startFakeDingtalk(app);
  const log = pino({ level: "silent" });
  const pending: Promise<void>[] = [];
  const at = new Date("2024-06-15T10:00:00+08:00");
  const bot = { db: db.client, store, log, tz: "Asia/Shanghai", now: () => at, dailyLimits: {} };
  const api = createDingtalkApi({ base: fake.base, appKey: app.clientId, appSecret: app.clientSecret, robotCode: app.clientId, store, log, now: () => at.getTime() });
  const deps = { bot, api, appSecret: app.clientSecret, cards: {}, log, track: (w: Promise<void>) => void pending.push(w) };
  const real = createApp({ log, metrics: createMetrics(), probes: [], routers: [dingtalkRoutes({ ...deps, signWindowMs: 300_000 })] }).listen(0);
  const bare = bareKoa().listen(0);
  try {
    const [realBase, bareBase] = await Promise.all([listen(real), listen(bare)]);
    const callbacks = doctors.map((d, i) => ({
      // One millisecond apart, as DingTalk's pushes are: a signature is accepted for one message only.
      headers: signedHeaders(app.clientSecret, at.getTime() + i),
      body: JSON.stringify(robotMessage({ staffId: `bench-dt-${d.id}`, content: "讲座+1 查房+3", msgId: `bench-dt-${i}-${app.clientId}`, at, webhook: `${fake.base}/robot/sendBySession?session=${i}` })),
    }));
    const bareRun = await load(callbacks.map((c) => ({ url: `${bareBase}/dingtalk/callback`, ...c })));
    const realRun = await load(callbacks.map((c) => ({ url: `${realBase}/dingtalk/callback`, ...c })));
    await Promise.all(pending);
    const replyAt = new Map(fake.session.map((s) => [Number(s.session), s.at]));
    const toReply = callbacks.map((_, i) => replyAt.get(i)! - realRun.sentAt[i]).sort((a, b) => a - b);
    const n = callbacks.length;
    console.log(`dingtalk callbacks on PostgreSQL + ${storeLabel} (${n} signed robot callbacks, ${CONCURRENCY} at a time; routes and load generator in this one process, so read the ratio, not the rates):`);
    console.log(`  bare Koa:   ${fmt(bareRun.perSecond)}/s  p50 ${fmt(bareRun.p50)} ms  p99 ${fmt(bareRun.p99)} ms`);
    console.log(`  real route: ${fmt(realRun.perSecond)}/s  p50 ${fmt(realRun.p50)} ms  p99 ${fmt(realRun.p99)} ms  (ack path: sign, validate, store, 200)`);
    console.log(`  ratio real/bare: throughput ${fmt((realRun.perSecond / bareRun.perSecond) * 100)}%, p99 ×${fmt(realRun.p99 / bareRun.p99)}`);
    console.log(`  callback → answer on the session webhook: p50 ${fmt(percentile(toReply, 50))} ms  p99 ${fmt(percentile(toReply, 99))} ms  (${fake.session.length} answers for ${n} callbacks)`);
  } finally {
    real.close();
    bare.close();
    await fake.close();
  }
}
