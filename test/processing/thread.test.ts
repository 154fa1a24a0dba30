// Processing in its own thread (src/processing/supervisor.ts), on the real database and store, with the
// real routes in front and a fake WeCom behind: callbacks are acknowledged while the thread is stopped,
// busy with a backlog or crashed; everything acknowledged is processed, in each sender's order, and
// answered once, once a thread runs. No timing: each step waits for the event it needs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { botSettings, createChannels } from "../../src/compose.js";
import { createApp } from "../../src/http/app.js";
import { createMetrics } from "../../src/http/metrics.js";
import type { ChannelDeps } from "../../src/channels/deps.js";
import { createInboundWriter } from "../../src/services/inbound/create-inbound-writer.js";
import { startProcessingThread, type ProcessingThread } from "../../src/processing/supervisor.js";
import { backendName, DATABASE_URL, openTestDatabase, openTestStore, REDIS_URL, resetDatabase } from "../helpers/backends.js";
import { importCsv } from "../helpers/fixtures.js";
import { localDay } from "../helpers/dates.js";
import { startFakeWecom, type FakeWecom } from "../helpers/fake-wecom.js";
import { buildCallback, SET_A, textXml } from "../helpers/wecom.js";
import { waitFor } from "../helpers/wait.js";
import { readXml } from "../../src/channels/wecom/xml.js";

const DOCTORS = 200;
/** Doctors in post now, each with their WeCom account on the roster. */
const roster = () => ["支援单位,受援单位,受援单位联系人,姓名,联系电话,开始日期,结束日期,企业微信账号",
  ...Array.from({ length: DOCTORS }, (_, i) => `支援医院,卫生院${i},联系人${i},线程医生${i},137${String(i).padStart(8, "0")},${localDay(-30)},${localDay(300)},doc-${i}`)].join("\n");

describe(`processing in its own thread (${backendName})`, { timeout: 180_000 }, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  let fake: FakeWecom;
  let http: Server;
  let base: string;
  let env: Record<string, string | undefined>;
  let bot: ChannelDeps;
  const threads: ProcessingThread[] = [];
  const log = pino({ level: "silent" });
  let nextMsgId = 9_000_000_000;

  beforeAll(async () => {
    db = await openTestDatabase();
    fake = await startFakeWecom();
    env = {
      PATH: process.env.PATH, LOG_LEVEL: "silent", SCHEDULER: "off", DATA_DIR: mkdtempSync(join(tmpdir(), "duikou-thread-")),
      WECOM_CORP_ID: SET_A.corpId, WECOM_AGENT_ID: SET_A.agentId, WECOM_SECRET: "s", WECOM_TOKEN: SET_A.token, WECOM_AES_KEY: SET_A.aesKey, WECOM_API_BASE: fake.base,
      ...(DATABASE_URL ? { DATABASE_URL, DATABASE_SCHEMA: db.schema } : {}),
      ...(REDIS_URL ? { REDIS_URL, REDIS_PREFIX: store.prefix } : {}),
    };
    const config = loadConfig(env);
    bot = { db: db.client, store, log, ...botSettings(config), writer: createInboundWriter(db.ack) };
    const { routers } = createChannels(config, bot, store, log);
    const app = createApp({ log, metrics: createMetrics(), routers, probes: [{ name: "processing", check: () => bot.worker ? (bot.worker as ProcessingThread).probe.check() : Promise.resolve() }] });
    http = createServer(app.callback()).listen(0, "127.0.0.1");
    await new Promise((resolve) => http.once("listening", resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(threads.map((t) => t.stop(1000)));
    http?.close();
    await fake?.close();
    await store.close();
    await db?.close();
  });
  beforeEach(async () => {
    await Promise.all(threads.splice(0).map((t) => t.stop(1000)));
    await resetDatabase(db);
    await importCsv(db, roster(), { programme: "线程" });
    fake.sent.length = 0;
  });

  function startThread(o: { restartMs?: number } = {}): ProcessingThread {
    const thread = startProcessingThread({ db, log, scheduler: false, env, memoryEveryMs: 100, ...o });
    threads.push(thread);
    bot.worker = thread;
    return thread;
  }

  /** One doctor's report as WeCom calls back with it. */
  async function callback(doctor: number, content = "讲座+1"): Promise<number> {
    const ts = Math.floor(Date.now() / 1000);
    const xml = textXml({ corpId: SET_A.corpId, from: `doc-${doctor}`, content, msgId: String(nextMsgId++), agentId: SET_A.agentId, createTime: ts });
    const cb = buildCallback(SET_A, xml, ts);
    return (await fetch(`${base}/wecom/callback?${cb.query}`, { method: "POST", body: cb.body })).status;
  }
  const waiting = () => db.client.inboundMessage.count({ where: { outcome: "received" } });
  const allProcessed = async (n: number) => (await db.client.inboundMessage.count({ where: { outcome: { not: "received" } } })) === n;

  /** Every message processed once, in the order each sender sent it, and each answered once. */
  async function expectEachProcessedOnceInOrder(n: number): Promise<void> {
    expect(await waitFor(() => allProcessed(n), 120_000)).toBe(true);
    const rows = await db.client.inboundMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.every((r) => r.outcome === "recorded")).toBe(true);
    expect(await db.client.workloadEntry.count()).toBe(n);
    for (const sender of new Set(rows.map((r) => r.senderExternalId))) {
      const mine = rows.filter((r) => r.senderExternalId === sender);
      const byProcessing = [...mine].sort((a, b) => a.processedAt!.getTime() - b.processedAt!.getTime() || a.id - b.id);
      expect(byProcessing.map((r) => r.id)).toEqual(mine.map((r) => r.id));
    }
    // Each answered once: answers that waited together for one doctor went as one message, so the
    // receipts are counted, not the messages.
    const receipts = () => fake.sent.reduce((k, s) => k + (s.text?.content.match(/已记录：/g)?.length ?? 0), 0);
    expect(await waitFor(() => receipts() >= n)).toBe(true);
    const perDoctor = new Map<string, number>();
    for (const s of fake.sent) perDoctor.set(s.touser, (perDoctor.get(s.touser) ?? 0) + (s.text?.content.match(/已记录：/g)?.length ?? 0));
    const sentBy = new Map<string, number>();
    for (const r of rows) sentBy.set(r.senderExternalId, (sentBy.get(r.senderExternalId) ?? 0) + 1);
    expect(perDoctor).toEqual(sentBy);
  }

  it("acknowledges while the thread is stopped, and processes everything once one runs", async () => {
    const first = startThread();
    await first.ready();
    await first.stop(1000);
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => callback(i % 10)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await waiting()).toBe(30);
    expect(fake.sent).toHaveLength(0);
    startThread();
    await expectEachProcessedOnceInOrder(30);
  });

  it("acknowledges while the thread works through a backlog, and processes both", async () => {
    // The backlog, stored as the ack path stores it, before a thread runs.
    const writer = createInboundWriter(db.ack);
    const ts = Math.floor(Date.now() / 1000);
    const BACKLOG = 2 * DOCTORS; // two rounds a doctor: under every daily bound
    await Promise.all(Array.from({ length: BACKLOG }, (_, i) => {
      const msgId = String(nextMsgId++);
      const xml = textXml({ corpId: SET_A.corpId, from: `doc-${i % DOCTORS}`, content: "查房+1", msgId, agentId: SET_A.agentId, createTime: ts });
      return writer.store({ platform: "wecom", msgId, senderId: `doc-${i % DOCTORS}`, text: "查房+1", payload: readXml(xml), receivedAt: new Date() });
    }));
    startThread();
    expect(await waitFor(async () => (await waiting()) < BACKLOG, 60_000)).toBe(true); // it is busy with them
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => callback(i % DOCTORS)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await waiting()).toBeGreaterThan(0); // acknowledged while the backlog was still being processed
    await expectEachProcessedOnceInOrder(BACKLOG + 50);
  });

  it("shows a crashed thread on /readyz, starts it again, and the new one takes the next message", async () => {
    const thread = startThread({ restartMs: 1500 });
    await thread.ready();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const crashed = thread.current()!;
    await crashed.terminate();
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(JSON.stringify(await down.json())).toContain("processing");
    expect(await callback(0)).toBe(200); // still acknowledged
    await thread.ready();
    expect(thread.starts()).toBe(2);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await expectEachProcessedOnceInOrder(1);
  });
});
