// The DingTalk HTTP-mode routes in process, on the real database, with DingTalk's API faked by nock
// (the network is closed): signed messages are stored, acknowledged and answered once however often
// DingTalk sends them; forged and stale ones change nothing; card taps update the card in place.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import nock from "nock";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDingtalkApi } from "../../../src/channels/dingtalk/api.js";
import { acceptCardTap, answerUnfinishedDingtalk, type DingtalkDeps } from "../../../src/channels/dingtalk/adapter.js";
import { dingtalkRoutes } from "../../../src/channels/dingtalk/routes.js";
import { createCardCopies } from "../../../src/channels/card-copies.js";
import { createDeliver } from "../../../src/channels/deliver.js";
import { createApp } from "../../../src/http/app.js";
import { createMetrics } from "../../../src/http/metrics.js";
import { arrivalCard } from "../../../src/cards/build.js";
import { findArrivalPosting } from "../../../src/services/postings/find-arrival-posting.js";
import { backendName, openTestDatabase, openTestStore, resetDatabase } from "../../helpers/backends.js";
import { createTestBot, linkAccount, type TestBot } from "../../helpers/bot.js";
import { audioMessage, cardCallback, robotMessage, signedHeaders } from "../../helpers/dingtalk.js";
import { importSeed } from "../../helpers/fixtures.js";

const API = "https://dingtalk.test";
const SESSION = "https://oapi.dingtalk.test";
const SECRET = "app-secret-for-tests";
const NOW = "2021-06-15T10:00:00+08:00";

type Webhook = { msgtype: string; text: { content: string }; at?: { atUserIds: string[] } };
type BatchSend = { robotCode: string; userIds: string[]; msgKey: string; msgParam: string };
type CardCall = { outTrackId: string; cardTemplateId?: string; cardData: { cardParamMap: Record<string, string> }; openSpaceId?: string; callbackType?: string };

describe(`DingTalk HTTP mode (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  let bot: TestBot;
  let url: string;
  let server: Server;
  let pending: Promise<void>[] = [];
  const logLines: string[] = [];
  const webhook: Webhook[] = [];
  const batch: BatchSend[] = [];
  const delivered: CardCall[] = [];
  const updated: CardCall[] = [];
  const settle = async () => (await Promise.all(pending), (pending = []));

  function fakeDingtalk() {
    nock(API).persist()
      .post("/v1.0/oauth2/accessToken").reply(200, { accessToken: "TOKEN", expireIn: 7200 })
      .post("/v1.0/robot/oToMessages/batchSend", (b) => "userIds" in b && (batch.push(b as BatchSend), true)).reply(200, { processQueryKey: "q" })
      .post("/v1.0/card/instances/createAndDeliver", (b) => "cardTemplateId" in b && (delivered.push(b as CardCall), true)).reply(200, { success: true, result: {} })
      .put("/v1.0/card/instances", (b) => "outTrackId" in b && (updated.push(b as CardCall), true)).reply(200, { success: true });
    // DingTalk's own SDKs send no token to a session webhook, and neither may we: a request carrying one
    // does not match here, fails, and shows up as an answer through the robot instead.
    nock(SESSION, { badheaders: ["x-acs-dingtalk-access-token"] }).persist()
      .post("/robot/sendBySession", (b) => "msgtype" in b && (webhook.push(b as Webhook), true)).query(true).reply(200, { errcode: 0, errmsg: "ok" });
  }

  // Each push signed a millisecond after the last, as DingTalk's are: a signature is good for one message.
  let pushes = 0;
  const post = (path: string, body: unknown, headers = signedHeaders(SECRET, bot.now().getTime() + ++pushes)) =>
    fetch(`${url}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const message = (o: Parameters<typeof robotMessage>[0] = {}) => robotMessage({ at: bot.now(), webhook: `${SESSION}/robot/sendBySession?session=s1`, ...o });
  let deps: DingtalkDeps;
  /** Card taps arrive over the Stream connection, which hands them to the channel like this. */
  const tapOverStream = (body: unknown) => acceptCardTap(deps, body);

  beforeAll(async () => {
    db = await openTestDatabase();
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(async () => {
    server?.close();
    nock.enableNetConnect();
    await store.close();
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    await importSeed(db, "yubei-2021-postings");
    await linkAccount(db, "张灵", "ZhangLing", "dingtalk");
    await linkAccount(db, "刘平春", "LiuPingChun", "dingtalk");
    bot = createTestBot(db, store, NOW);
    for (const list of [webhook, batch, delivered, updated, logLines]) list.length = 0;
    fakeDingtalk();
    const log = pino({ level: "info" }, { write: (l: string) => void logLines.push(l) });
    const api = createDingtalkApi({ base: API, oapiBase: SESSION, appKey: `key${Math.random()}`, appSecret: SECRET, robotCode: "dingrobot", store, log, now: () => bot.now().getTime(), sleep: async () => undefined });
    deps = { bot, api, appSecret: SECRET, cards: { buttons: "tpl-buttons", form: "tpl-form" }, log, track: (w) => void pending.push(w), copies: undefined as ReturnType<typeof createCardCopies> | undefined };
    deps.copies = createCardCopies({ db: db.client, log, dingtalk: deps, now: () => bot.now() });
    server?.close();
    server = createApp({ log, metrics: createMetrics(), probes: [], routers: [dingtalkRoutes({ ...deps, signWindowMs: 300_000 })] }).listen(0);
    await new Promise((r) => server.once("listening", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => nock.cleanAll());

  it("records a report, answers in the conversation through the session webhook, once for DingTalk's retries", async () => {
    const body = message({ staffId: "ZhangLing", content: " 讲座+1 查房+3", msgId: "msg-1" });
    const responses = await Promise.all([1, 2, 3].map(() => post("/dingtalk/callback", body)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await responses[0].json()).toEqual({});
    await settle();
    expect(await db.client.workloadEntry.count()).toBe(2);
    expect(await db.client.inboundMessage.count()).toBe(1);
    expect(webhook).toHaveLength(1);
    expect(webhook[0]).toMatchObject({ msgtype: "text", at: { atUserIds: ["ZhangLing"] } });
    expect(webhook[0].text.content).toContain("已记录：讲座 1 次、查房 3 次。");
    expect(batch).toEqual([]);
  });

  it("records a voice message as the text DingTalk heard, quoting it back; asks again when it heard nothing", async () => {
    const spoken = audioMessage({ staffId: "ZhangLing", recognition: "讲座加一，查房三次。", msgId: "voice-1", at: bot.now(), webhook: `${SESSION}/robot/sendBySession?session=s1` });
    expect((await post("/dingtalk/callback", spoken)).status).toBe(200);
    await settle();
    expect(await db.client.workloadEntry.aggregate({ _sum: { quantity: true } })).toMatchObject({ _sum: { quantity: 4 } });
    expect(webhook.map((w) => w.text.content)).toEqual([expect.stringMatching(/^听到：讲座加一，查房三次。\n已记录：讲座 1 次、查房 3 次。/)]);
    const silent = audioMessage({ staffId: "ZhangLing", msgId: "voice-2", at: bot.now(), webhook: `${SESSION}/robot/sendBySession?session=s1` });
    expect((await post("/dingtalk/callback", silent)).status).toBe(200);
    await settle();
    expect(webhook.at(-1)?.text.content).toContain("没有识别出文字");
    expect(await db.client.inboundMessage.findFirstOrThrow({ where: { externalMsgId: "voice-2" } })).toMatchObject({ outcome: "rejected" });
  });

  it("calls a session webhook only on DingTalk's own hosts, and never with our access token", async () => {
    const seen: string[] = [];
    nock.cleanAll();
    fakeDingtalk();
    for (const host of ["http://169.254.169.254", "https://attacker.example", "https://oapi.dingtalk.test.attacker.example"]) {
      nock(host).persist().post(/.*/, () => (seen.push(host), true)).reply(200, { errcode: 0 });
    }
    const forged = [
      "http://169.254.169.254/latest/meta-data?session=1", "https://attacker.example/robot/sendBySession?session=1",
      "https://oapi.dingtalk.test.attacker.example/robot/sendBySession", "https://user:pw@oapi.dingtalk.test/robot/sendBySession",
    ];
    for (const [i, webhook] of forged.entries()) {
      expect((await post("/dingtalk/callback", message({ staffId: "ZhangLing", content: "查房+1", msgId: `msg-ssrf-${i}`, webhook }))).status).toBe(200);
    }
    await settle();
    expect(seen).toEqual([]);
    expect(webhook).toEqual([]);
    expect(batch).toHaveLength(4); // each answer went through the robot instead
    expect(logLines.filter((l) => l.includes("session webhook outside DingTalk's hosts refused") && l.includes('"security":true'))).toHaveLength(4);

    await post("/dingtalk/callback", message({ staffId: "ZhangLing", content: "查房+1", msgId: "msg-ssrf-ok" }));
    await settle();
    expect(webhook).toHaveLength(1);
    expect(batch).toHaveLength(4);
  });

  it("answers through the robot (batchSend) when the session webhook has expired", async () => {
    const body = { ...message({ staffId: "ZhangLing", content: "查房+1", msgId: "msg-2" }), sessionWebhookExpiredTime: bot.now().getTime() - 1000 };
    expect((await post("/dingtalk/callback", body)).status).toBe(200);
    await settle();
    expect(webhook).toEqual([]);
    expect(batch.map((b) => [b.userIds, b.msgKey, JSON.parse(b.msgParam).content])).toEqual([[["ZhangLing"], "sampleText", expect.stringContaining("已记录：查房 1 次。")]]);
  });

  it("refuses an external user politely and keeps the message", async () => {
    expect((await post("/dingtalk/callback", message({ staffId: "", content: "你好", msgId: "msg-3" }))).status).toBe(200);
    await settle();
    expect(webhook.map((w) => w.text.content)).toEqual([expect.stringContaining("只为本单位通讯录中的对口支援人员服务")]);
    expect(await db.client.inboundMessage.findFirst()).toMatchObject({ outcome: "rejected", reason: "external_user", text: "你好" });
  });

  it("refuses forged, stale, unsigned and malformed callbacks, changing nothing and logging each", async () => {
    const body = message({ staffId: "ZhangLing", content: "查房+1", msgId: "msg-4" });
    const statuses = [
      (await post("/dingtalk/callback", body, signedHeaders("wrong-secret", bot.now().getTime()))).status,
      (await post("/dingtalk/callback", body, signedHeaders(SECRET, bot.now().getTime() - 3600_001))).status,
      (await post("/dingtalk/callback", body, { "content-type": "application/json" })).status,
      (await post("/dingtalk/callback", "{not json")).status,
      (await post("/dingtalk/callback", { msgtype: "text" })).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 400, 400]);
    await settle();
    expect(await db.client.inboundMessage.count()).toBe(0);
    expect(logLines.filter((l) => l.includes('"security":true'))).toHaveLength(3);
  });

  it("accepts a signature once: again for DingTalk's retry of the same message, never for another body", async () => {
    const headers = signedHeaders(SECRET, bot.now().getTime() - 1000);
    const first = message({ staffId: "ZhangLing", content: "查房+1", msgId: "msg-replay-1" });
    const replayed = message({ staffId: "LiuPingChun", content: "到岗", msgId: "msg-replay-2" });
    expect((await post("/dingtalk/callback", first, headers)).status).toBe(200);
    expect((await post("/dingtalk/callback", first, headers)).status).toBe(200);
    expect((await post("/dingtalk/callback", replayed, headers)).status).toBe(401);
    await settle();
    expect(await db.client.inboundMessage.findMany({ select: { externalMsgId: true } })).toEqual([{ externalMsgId: "msg-replay-1" }]);
    expect(await db.client.workloadEntry.count()).toBe(1);
    expect(logLines.filter((l) => l.includes("replay") && l.includes('"security":true'))).toHaveLength(1);
  });

  it("takes no card taps over HTTP: their signing is undocumented, so a tap could not be verified", async () => {
    const tap = cardCallback({ outTrackId: "arr_1_0123456789ab", userId: "LiuPingChun", action: "arrived" });
    expect((await post("/dingtalk/card", tap)).status).toBe(404);
    expect(await db.client.inboundMessage.count()).toBe(0);
  });

  it("refuses a signature older than the configured window, though DingTalk's hour would allow it", async () => {
    const body = message({ staffId: "ZhangLing", content: "查房+1", msgId: "msg-old" });
    expect((await post("/dingtalk/callback", body, signedHeaders(SECRET, bot.now().getTime() - 300_001))).status).toBe(401);
    expect((await post("/dingtalk/callback", body, signedHeaders(SECRET, bot.now().getTime() - 299_000))).status).toBe(200);
  });

  it("answers 503 when the message cannot be stored, so DingTalk retries, and records the retry once", async () => {
    await db.client.$executeRawUnsafe(`ALTER TABLE "InboundMessage" RENAME TO "InboundMessageAway"`);
    const body = message({ staffId: "ZhangLing", content: "查房+2", msgId: "msg-5" });
    try {
      expect((await post("/dingtalk/callback", body)).status).toBe(503);
    } finally {
      await db.client.$executeRawUnsafe(`ALTER TABLE "InboundMessageAway" RENAME TO "InboundMessage"`);
    }
    expect((await post("/dingtalk/callback", body)).status).toBe(200);
    await settle();
    expect(await db.client.workloadEntry.count()).toBe(1);
  });

  it("finishes a message stored and acknowledged but never processed, once", async () => {
    const body = message({ staffId: "ZhangLing", content: "讲座+1", msgId: "msg-6" });
    await db.client.inboundMessage.create({ data: { platform: "dingtalk", externalMsgId: "msg-6", senderExternalId: "ZhangLing", text: "讲座+1", payload: body, receivedAt: bot.now() } });
    expect(await answerUnfinishedDingtalk(deps, new Date(bot.now().getTime() + 10 * 60_000))).toBe(1);
    expect(await answerUnfinishedDingtalk(deps, new Date(bot.now().getTime() + 11 * 60_000))).toBe(0);
    expect(await db.client.workloadEntry.count()).toBe(1);
    expect(webhook).toHaveLength(1);
  });

  it("sends the quick report as a form card and records what the doctor typed into it", async () => {
    await post("/dingtalk/callback", message({ staffId: "ZhangLing", content: "填报", msgId: "msg-7" }));
    await settle();
    expect(delivered).toHaveLength(1);
    const card = delivered[0];
    expect(card).toMatchObject({ cardTemplateId: "tpl-form", callbackType: "STREAM", openSpaceId: "dtv1.card//IM_ROBOT.ZhangLing" });
    expect(card.outTrackId).toMatch(/^qr_\d+_20210615_[0-9a-f]{12}$/);
    expect(card.cardData.cardParamMap).toMatchObject({ show_rounds: "true", show_lectures: "true", show_patients: "true", show_surgeries: "false" });

    const bad = cardCallback({ outTrackId: card.outTrackId, userId: "ZhangLing", action: "submit", params: { rounds: "两" } });
    await tapOverStream(bad);
    await settle();
    expect(webhook.at(-1)?.text.content ?? JSON.parse(batch.at(-1)!.msgParam).content).toContain("“两”不是数量");

    const submit = cardCallback({ outTrackId: card.outTrackId, userId: "ZhangLing", action: "submit", params: { rounds: "2", patients: "20", lectures: "" } });
    // The corrected form is a new submission; the same one sent twice is one.
    await Promise.all([tapOverStream(submit), tapOverStream(submit)]);
    await settle();
    const entries = await db.client.workloadEntry.findMany({ orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.metric, e.quantity, e.source])).toEqual([["rounds", 2, "card"], ["patients", 20, "card"]]);
    expect(updated.map((u) => [u.outTrackId, u.cardData.cardParamMap.status, u.cardData.cardParamMap.show_submit])).toEqual([[card.outTrackId, "已提交 · 6月15日 10:00", "false"]]);
  });

  it("confirms an arrival on the clinic contact's tap and updates the card for everyone; the doctor's tap changes nothing", async () => {
    const posting = await db.client.posting.findFirstOrThrow({ where: { person: { name: "张灵" } } });
    const card = arrivalCard((await findArrivalPosting(db.client, posting.id))!);
    await tapOverStream(cardCallback({ outTrackId: card.taskId, userId: "ZhangLing", action: "not_arrived" }));
    await settle();
    expect(updated).toEqual([]);
    expect(batch.map((b) => JSON.parse(b.msgParam).content)).toEqual([expect.stringContaining("只有 云阳县江口镇中心卫生院 的联系人可以确认")]);
    const tap = cardCallback({ outTrackId: card.taskId, userId: "LiuPingChun", action: "arrived" });
    await Promise.all([tapOverStream(tap), tapOverStream(tap)]);
    await settle();
    expect(await db.client.posting.findUniqueOrThrow({ where: { id: posting.id } })).toMatchObject({ status: "arrived" });
    expect(updated.map((u) => [u.outTrackId, u.cardData.cardParamMap.status, u.cardData.cardParamMap.show_arrived])).toEqual([[card.taskId, "已确认 · 刘平春 · 6月15日 10:00", "false"]]);
    expect(batch.slice(1).map((b) => JSON.parse(b.msgParam).content)).toEqual([expect.stringContaining("已确认 张灵 到岗")]);
  });
  it("updates the other contact's copy of the arrival card, a card of its own, once one contact confirms", async () => {
    const posting = await db.client.posting.findFirstOrThrow({ where: { person: { name: "张灵" } } });
    await db.client.pairing.update({ where: { id: posting.pairingId! }, data: { contactPersonId: null } });
    const liu = await db.client.person.findFirstOrThrow({ where: { name: "刘平春" } });
    const zhou = await db.client.person.create({ data: { name: "周副院长", organizationId: liu.organizationId, role: "clinic_contact" } });
    await linkAccount(db, "周副院长", "ZhouFuYuanZhang", "dingtalk");
    const deliver = createDeliver({ db: db.client, log: deps.log, dingtalk: deps });
    const arrival = (await findArrivalPosting(db.client, posting.id))!;
    const cards = [arrivalCard(arrival), arrivalCard(arrival)];
    await deliver(liu.id, { card: cards[0] });
    await deliver(zhou.id, { card: cards[1] });
    expect(delivered.map((d) => d.outTrackId)).toEqual(cards.map((c) => c.taskId));
    await tapOverStream(cardCallback({ outTrackId: cards[0].taskId, userId: "LiuPingChun", action: "arrived" }));
    await settle();
    expect(updated.map((u) => [u.outTrackId, u.cardData.cardParamMap.status])).toEqual([
      [cards[0].taskId, "已确认 · 刘平春 · 6月15日 10:00"], [cards[1].taskId, "已确认 · 刘平春 · 6月15日 10:00"],
    ]);
  });

  it("reads a stored robot message as the message it was, even when its body also carries card fields", async () => {
    const posting = await db.client.posting.findFirstOrThrow({ where: { person: { name: "张灵" } } });
    const card = arrivalCard((await findArrivalPosting(db.client, posting.id))!);
    // The clinic contact's message, carrying a card tap's fields beside its own: never a 到岗确认.
    const tap = cardCallback({ outTrackId: card.taskId, userId: "LiuPingChun", action: "arrived" });
    const body = { ...message({ staffId: "LiuPingChun", content: "帮助", msgId: "msg-card-fields" }), ...tap };
    await db.client.inboundMessage.create({ data: { platform: "dingtalk", externalMsgId: "msg-card-fields", senderExternalId: "LiuPingChun", text: "帮助", payload: body, receivedAt: bot.now() } });
    expect(await answerUnfinishedDingtalk(deps, new Date(bot.now().getTime() + 10 * 60_000))).toBe(1);
    expect(await db.client.posting.findUniqueOrThrow({ where: { id: posting.id } })).toMatchObject({ status: "planned" });
    expect(updated).toEqual([]);
  });
});
