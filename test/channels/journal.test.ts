// Nothing a doctor sends is lost while the database is down. With the database refusing writes, a Stream
// robot message, a Stream card tap, a WeCom callback and a DingTalk HTTP callback arrive; each is
// acknowledged (the fake gateway, like DingTalk, never sends a Stream push again) and kept in the journal.
// The process "restarts" (a new journal over the same folder), the database comes back, and the replayer
// records each once and answers it, through the same channels as any other message.
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../helpers/wait.js";
import type { ChannelDeps } from "../../src/channels/deps.js";
import { arrivalCard } from "../../src/cards/build.js";
import { createDingtalkApi } from "../../src/channels/dingtalk/api.js";
import { connectStream } from "../../src/channels/dingtalk/connect.js";
import { dingtalkAdapter, type DingtalkDeps } from "../../src/channels/dingtalk/adapter.js";
import { dingtalkRoutes } from "../../src/channels/dingtalk/routes.js";
import { TOPIC_CARD, TOPIC_ROBOT, type StreamClient } from "../../src/channels/dingtalk/stream.js";
import type { ChannelAdapter } from "../../src/channels/answer.js";
import { replayJournal } from "../../src/channels/replay-journal.js";
import { createAnswerQueue } from "../../src/channels/wecom/answer-queue.js";
import { createWecomApi } from "../../src/channels/wecom/api.js";
import { wecomRoutes } from "../../src/channels/wecom/routes.js";
import { wecomAdapter, type WecomRouteDeps } from "../../src/channels/wecom/adapter.js";
import { createApp } from "../../src/http/app.js";
import { createMetrics } from "../../src/http/metrics.js";
import { openJournal, type Journal } from "../../src/infra/journal.js";
import { findArrivalPosting } from "../../src/services/postings/find-arrival-posting.js";
import { backendName, openTestDatabase, openTestStore } from "../helpers/backends.js";
import { createTestBot, linkAccount } from "../helpers/bot.js";
import { cardCallback, robotMessage, signedHeaders } from "../helpers/dingtalk.js";
import { startFakeDingtalk, type FakeDingtalk } from "../helpers/fake-dingtalk.js";
import { startFakeWecom, type FakeWecom } from "../helpers/fake-wecom.js";
import { importSeed } from "../helpers/fixtures.js";
import { buildCallback, SET_A, textXml } from "../helpers/wecom.js";

const APP = { clientId: `journalkey${Math.floor(Math.random() * 1e9)}`, clientSecret: "journal-secret" };

describe(`the inbound journal while the database is down (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  const dir = mkdtempSync(join(tmpdir(), "duikou-journal-"));
  let dingtalk: FakeDingtalk;
  let wecom: FakeWecom;
  let server: Server;
  let stream: StreamClient;
  let journal: Journal;
  const log = pino({ level: "silent" });

  /** One instance's channels over the given journal, as main.ts wires them. */
  function wire(j: Journal) {
    const bot: ChannelDeps = { ...createTestBot(db, store), log, journal: j };
    const now = () => bot.now().getTime();
    const dt: DingtalkDeps = {
      bot, log, appSecret: APP.clientSecret, cards: { buttons: "tpl-buttons", form: "tpl-form" },
      api: createDingtalkApi({ base: dingtalk.base, appKey: APP.clientId, appSecret: APP.clientSecret, robotCode: APP.clientId, store, log, now }),
    };
    const api = createWecomApi({ base: wecom.base, corpId: SET_A.corpId, secret: "s", agentId: Number(SET_A.agentId), store, log });
    const wc: WecomRouteDeps = { bot, secrets: SET_A, agentId: SET_A.agentId, api, answers: createAnswerQueue({ api, log }) };
    return { bot, dt, wc, channels: [wecomAdapter(wc), dingtalkAdapter(dt)] as ChannelAdapter[] };
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    await importSeed(db, "yubei-2021-postings");
    await linkAccount(db, "张灵", "ZhangLing", "dingtalk");
    await linkAccount(db, "刘平春", "LiuPingChun", "dingtalk");
    await linkAccount(db, "龙玉顺", "LongYuShun", "wecom");
    [dingtalk, wecom] = await Promise.all([startFakeDingtalk(APP), startFakeWecom()]);
    journal = openJournal(dir, 1024 * 1024);
  });
  afterAll(async () => {
    await stream?.stop();
    server?.close();
    await Promise.all([dingtalk.close(), wecom.close()]);
    await store.close();
    await db.close();
  });

  it("acknowledges and journals all four while the database is down, then records and answers each once", async () => {
    const first = wire(journal);
    server = createApp({ log, metrics: createMetrics(), probes: [], routers: [wecomRoutes(first.wc), dingtalkRoutes({ ...first.dt, signWindowMs: 300_000 })] }).listen(0);
    await new Promise((r) => server.once("listening", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stream = connectStream(first.dt, { base: dingtalk.base, clientId: APP.clientId, clientSecret: APP.clientSecret, watchdogMs: 60_000 });
    expect(await waitFor(() => dingtalk.connected())).toBe(true);
    const at = first.bot.now();
    const posting = await db.client.posting.findFirstOrThrow({ where: { person: { name: "张灵" } } });
    const arrival = arrivalCard((await findArrivalPosting(db.client, posting.id))!);

    // The database stops taking messages.
    await db.client.$executeRawUnsafe(`ALTER TABLE "InboundMessage" RENAME TO "InboundMessageAway"`);
    const robot = dingtalk.push(TOPIC_ROBOT, robotMessage({ staffId: "ZhangLing", content: "查房+2", msgId: "j-stream-1", at, webhook: `${dingtalk.base}/robot/sendBySession?session=j-stream-1` }));
    const tap = dingtalk.push(TOPIC_CARD, cardCallback({ outTrackId: arrival.taskId, userId: "LiuPingChun", action: "arrived" }));
    const wecomCallback = buildCallback(SET_A, textXml({ corpId: SET_A.corpId, from: "LongYuShun", content: "门诊：25人次", msgId: "7000000000000000001", agentId: SET_A.agentId, createTime: Math.floor(at.getTime() / 1000) }), Math.floor(at.getTime() / 1000));
    const wecomStatus = (await fetch(`${base}/wecom/callback?${wecomCallback.query}`, { method: "POST", body: wecomCallback.body })).status;
    const http = robotMessage({ staffId: "ZhangLing", content: "讲座+1", msgId: "j-http-1", at, webhook: `${dingtalk.base}/robot/sendBySession?session=j-http-1` });
    const httpStatus = (await fetch(`${base}/dingtalk/callback`, { method: "POST", headers: signedHeaders(APP.clientSecret, at.getTime()), body: JSON.stringify(http) })).status;

    expect([wecomStatus, httpStatus]).toEqual([200, 200]);
    expect(await waitFor(() => dingtalk.acks.includes(robot) && dingtalk.acks.includes(tap))).toBe(true);
    expect(journal.bytes()).toBeGreaterThan(0);
    expect(await db.client.$queryRawUnsafe(`SELECT count(*)::int AS n FROM "InboundMessageAway"`)).toEqual([{ n: 0 }]);

    // The process restarts: a new journal over the same folder. Then the database comes back.
    await stream.stop();
    await journal.close();
    journal = openJournal(dir, 1024 * 1024);
    expect(journal.bytes()).toBeGreaterThan(0);
    await db.client.$executeRawUnsafe(`ALTER TABLE "InboundMessageAway" RENAME TO "InboundMessage"`);
    const second = wire(journal);
    expect(await replayJournal(second.bot, second.channels)).toBe(4);

    expect(await db.client.inboundMessage.count()).toBe(4);
    const totals = await db.client.workloadEntry.groupBy({ by: ["metric"], _sum: { quantity: true }, orderBy: { metric: "asc" } });
    expect(totals.map((t) => [t.metric, t._sum.quantity])).toEqual(expect.arrayContaining([["rounds", 2], ["lectures", 1], ["patients", 25]]));
    expect(await db.client.posting.findUniqueOrThrow({ where: { id: posting.id } })).toMatchObject({ status: "arrived" });
    expect(dingtalk.session.filter((s) => s.session === "j-stream-1").map((s) => s.content)).toEqual([expect.stringContaining("已记录：查房 2 次。")]);
    expect(dingtalk.session.filter((s) => s.session === "j-http-1").map((s) => s.content)).toEqual([expect.stringContaining("已记录：讲座 1 次。")]);
    // WeCom's answer goes through the member's answer queue, after the recording.
    expect(await waitFor(() => wecom.sent.some((s) => s.touser === "LongYuShun"))).toBe(true);
    expect(wecom.sent.filter((s) => s.touser === "LongYuShun").map((s) => s.text?.content)).toEqual([expect.stringContaining("已记录：诊疗 25 人次")]);
    expect(dingtalk.updates.map((u) => u.outTrackId)).toEqual([arrival.taskId]);
    expect(journal.bytes()).toBe(0);

    // Replaying again (another sweep, another restart) changes nothing.
    expect(await replayJournal(second.bot, second.channels)).toBe(0);
    expect(await db.client.workloadEntry.count()).toBe(3);
  });

  it("answers 503 only when neither the database nor the journal can take a message", async () => {
    const tiny = openJournal(mkdtempSync(join(tmpdir(), "duikou-journal-full-")), 10);
    const { wc } = wire(tiny);
    const app = createApp({ log, metrics: createMetrics(), probes: [], routers: [wecomRoutes(wc)] }).listen(0);
    await new Promise((r) => app.once("listening", r));
    const now = Math.floor(wc.bot.now().getTime() / 1000);
    const cb = buildCallback(SET_A, textXml({ corpId: SET_A.corpId, from: "LongYuShun", content: "查房+1", msgId: "7000000000000000002", agentId: SET_A.agentId, createTime: now }), now);
    await db.client.$executeRawUnsafe(`ALTER TABLE "InboundMessage" RENAME TO "InboundMessageAway"`);
    try {
      expect((await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/wecom/callback?${cb.query}`, { method: "POST", body: cb.body })).status).toBe(503);
    } finally {
      await db.client.$executeRawUnsafe(`ALTER TABLE "InboundMessageAway" RENAME TO "InboundMessage"`);
      app.close();
    }
  });
});
