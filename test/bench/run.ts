// npm run bench: figures, not pass/fail. Parser throughput; roster import and the console pipeline
// on PGlite and on PostgreSQL (DATABASE_URL, or the local server if it answers); WeCom callbacks;
// schedules; form exports.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { pino } from "pino";
import { parseReport } from "../../src/bot/parse-report.js";
import { decideMessage } from "../../src/bot/pipeline.js";
import { openDatabase, type Database } from "../../src/infra/db.js";
import { createMemoryStore } from "../../src/infra/memory-store.js";
import { createRedisStore } from "../../src/infra/redis-store.js";
import type { Store } from "../../src/infra/store.js";
import { benchDingtalk } from "./dingtalk.js";
import { benchSchedule } from "./schedule.js";
import { benchExports } from "./exports.js";
import { benchBurst } from "./burst.js";
import { benchHttp } from "./http.js";
import { benchConsole } from "./console.js";
import { benchHostile } from "./hostile.js";
import { benchMemory } from "./memory.js";
import { importRoster } from "../../src/services/programme/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { generatedRoster } from "./roster.js";

const PG_URL = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });

function benchParser(): void {
  const corpus = ["讲座+1 查房+3", "门诊：25人次，手术2例", "昨天 查房+二 讲座两次", "特色科室+1 中医康复 援助 2.5万元", "rounds+3 lectures 1", "你好", "5月3日 讲座+1\n查房+3\n带教+2"];
  const today = "2024-05-15";
  const n = 200_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) parseReport(corpus[i % corpus.length], { today, postingStart: "2024-03-01", postingEnd: "2024-08-31" });
  const s = (performance.now() - t0) / 1000;
  console.log(`parser: ${fmt(n / s)} messages/s (${n} messages, ${s.toFixed(2)} s)`);
}

async function benchImport(db: Database, label: string): Promise<void> {
  const roster = parseRoster(generatedRoster(10_000));
  let t0 = performance.now();
  const first = await importRoster(db.client, roster, { programme: "bench", create: true });
  const s1 = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await importRoster(db.client, roster, { programme: "bench", create: true });
  const s2 = (performance.now() - t0) / 1000;
  console.log(`import on ${label}: 10,000 rows in ${s1.toFixed(2)} s = ${fmt(10_000 / s1)} rows/s (${first.postings.created} postings); re-import ${s2.toFixed(2)} s`);
}

async function benchPipeline(db: Database, label: string): Promise<void> {
  const person = await db.client.person.findFirstOrThrow({ where: { name: "医生1" } });
  await db.client.chatIdentity.create({ data: { platform: "console", externalUserId: "bench", personId: person.id } });
  const deps = { db: db.client, store: createMemoryStore(), log: pino({ level: "silent" }), tz: "Asia/Shanghai", now: () => new Date("2024-06-15T10:00:00+08:00"), dailyLimits: { rounds: 1e9, lectures: 1e9 } };
  const n = 300;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await decideMessage(deps, { platform: "console", msgId: randomUUID(), senderId: "bench", text: "讲座+1 查房+3", receivedAt: new Date() });
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`console pipeline on ${label}: ${fmt(n / s)} reports recorded/s one at a time (${n} reports, each stored, parsed, recorded and answered)`);
  // Eight doctors reporting at once, 75 reports each.
  const senders = await db.client.person.findMany({ where: { name: { in: Array.from({ length: 8 }, (_, i) => `医生${i + 2}`) } }, select: { id: true } });
  await db.client.chatIdentity.createMany({ data: senders.map((p, i) => ({ platform: "console" as const, externalUserId: `bench-${i}`, personId: p.id })) });
  const t1 = performance.now();
  await Promise.all(senders.map(async (_, i) => {
    for (let k = 0; k < 75; k++) await decideMessage(deps, { platform: "console", msgId: randomUUID(), senderId: `bench-${i}`, text: "讲座+1 查房+3", receivedAt: new Date() });
  }));
  const s8 = (performance.now() - t1) / 1000;
  console.log(`console pipeline on ${label}: ${fmt((senders.length * 75) / s8)} reports recorded/s with ${senders.length} doctors reporting at once`);
}

async function onPostgres(run: (db: Database) => Promise<void>): Promise<void> {
  const probe = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
  } catch {
    console.log(`PostgreSQL: not reachable at ${PG_URL}; its figures are skipped`);
    return;
  }
  const schema = `bench_${randomUUID().slice(0, 8)}`;
  const db = openDatabase({ url: PG_URL, schema });
  try {
    await db.migrate();
    await run(db);
  } finally {
    await db.close();
    await probe.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await probe.end();
  }
}

/** The Redis URL when it answers. */
async function redisUrl(): Promise<string | undefined> {
  const url = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  const probe = createRedisStore(url, "duikou-bench-probe:");
  try {
    await probe.ping();
    return url;
  } catch {
    return undefined;
  } finally {
    await probe.close().catch(() => undefined);
  }
}

/** Redis when it answers (REDIS_URL or the local server), else the in-process store, named in the output. */
async function openBenchRedis(): Promise<{ store: Store; label: string }> {
  const store = createRedisStore(process.env.REDIS_URL || "redis://127.0.0.1:6379", `duikou-bench-${randomUUID().slice(0, 8)}:`);
  try {
    await store.ping();
    return { store, label: "Redis" };
  } catch {
    await store.close().catch(() => undefined);
    return { store: createMemoryStore(), label: "in-process store (Redis not reachable)" };
  }
}

async function benchPipelineLite(): Promise<void> {
  const lite = openDatabase({ dataDir: "memory://" });
  await lite.migrate();
  await benchImport(lite, "PGlite");
  await benchPipeline(lite, "PGlite");
  await lite.close();
}

async function main(): Promise<void> {
  const only = process.argv[2]; // `npm run bench -- http` runs one part
  // `npm run bench -- hostile`: the XML reader's CPU per hostile body, crafted uploads' memory and latency.
  if (only === "hostile") return benchHostile();
  // `npm run bench -- memory`: the idle server's memory, embedded (first start, restart) and on PostgreSQL + Redis.
  if (only === "memory") return benchMemory(PG_URL, (await redisUrl()) ?? undefined);
  if (only === "http") return benchHttp(PG_URL, (await redisUrl()) ?? undefined);
  // `npm run bench -- burst`: 200 reports from one doctor at once, recorded while WeCom's pace holds the answers.
  if (only === "burst") return benchBurst(PG_URL, (await redisUrl()) ?? undefined);
  // `npm run bench -- console`: the console's pages in Chromium.
  if (only === "console") return benchConsole(PG_URL);
  // `npm run bench -- pipeline`: the console pipeline alone, on PGlite and on PostgreSQL.
  if (only === "pipeline") return (await benchPipelineLite(), await onPostgres(async (db) => (await benchImport(db, "PostgreSQL"), await benchPipeline(db, "PostgreSQL"))));
  // `npm run bench -- schedule`: the digest and the nudge sweep over 10,000 postings alone.
  if (only === "schedule") return onPostgres(async (db) => (await benchImport(db, "PostgreSQL"), await benchSchedule(db)));
  benchParser();
  await benchPipelineLite();
  await onPostgres(async (db) => {
    await benchImport(db, "PostgreSQL");
    await benchPipeline(db, "PostgreSQL");
    const redis = await openBenchRedis();
    await benchDingtalk(db, redis.store, redis.label);
    await redis.store.close();
    await benchSchedule(db);
    await benchExports(db);
  });
  await benchHostile();
  await benchMemory(PG_URL, (await redisUrl()) ?? undefined);
  await benchHttp(PG_URL, (await redisUrl()) ?? undefined);
  await benchBurst(PG_URL, (await redisUrl()) ?? undefined);
}

main().then(() => process.exit(0), (error) => (console.error(error), process.exit(1)));
