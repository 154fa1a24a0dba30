// The WeCom callback route with the official sample vectors, forged and foreign callbacks, retries,
// and replies through message/send (faked with nock; the network is closed; what a member receives
// follows WeCom's documented duplicate check and per-member limits, helpers/wecom-delivery.ts).
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import nock from "nock";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWecomApi } from "../../../src/channels/wecom/api.js";
import { createAnswerQueue } from "../../../src/channels/wecom/answer-queue.js";
import { createCardCopies } from "../../../src/channels/card-copies.js";
import { createDeliver } from "../../../src/channels/deliver.js";
import { wecomRoutes } from "../../../src/channels/wecom/routes.js";
import { answerUnfinishedWecom } from "../../../src/channels/wecom/adapter.js";
import { createApp } from "../../../src/http/app.js";
import { createMetrics } from "../../../src/http/metrics.js";
import { backendName, openTestDatabase, openTestStore, resetDatabase } from "../../helpers/backends.js";
import { createTestBot, linkAccount, type TestBot } from "../../helpers/bot.js";
import { waitFor } from "../../helpers/wait.js";
import { importSeed } from "../../helpers/fixtures.js";
import { buildCallback, cardEventXml, envelope, SET_A, SET_B, textXml, voiceXml } from "../../helpers/wecom.js";
import { createWecomDelivery, sendAnswer } from "../../helpers/wecom-delivery.js";
import { arrivalCard } from "../../../src/cards/build.js";
import { findArrivalPosting } from "../../../src/services/postings/find-arrival-posting.js";

const API = "https://qyapi.test";

const VECTOR_A_POST = {
  query: "msg_signature=0c3914025cb4b4d68103f6bfc8db550f79dcf48e&timestamp=1476422779&nonce=1597212914",
  encrypt: "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+",
};
const VECTOR_B_POST = {
  query: "msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149",
  encrypt: "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==",
};

describe(`WeCom callback (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  const servers: Server[] = [];
  let bot: TestBot;
  let pending: Promise<void>[] = [];
  let deliver: ReturnType<typeof createDeliver>;
  const logLines: string[] = [];

  /** `clock`: the WeCom client's and the answer queue's own clock (the member's pace), when a test moves time. */
  async function serve(secrets: typeof SET_A, clock?: { now: () => number; sleep: (ms: number) => Promise<void> }): Promise<string> {
    const log = pino({ level: "info" }, { write: (l: string) => void logLines.push(l) });
    const api = createWecomApi({ base: API, corpId: secrets.corpId, secret: "app-secret", agentId: Number(secrets.agentId), store, log, sleep: async () => undefined, ...clock });
    const answers = createAnswerQueue({ api, log, sleep: clock?.sleep, track: (w) => void flushes.push(w) });
    deliver = createDeliver({ db: db.client, log, wecom: api });
    const copies = createCardCopies({ db: db.client, log, wecom: api });
    const app = createApp({ log, metrics: createMetrics(), probes: [], routers: [wecomRoutes({ secrets, agentId: secrets.agentId, bot, api, copies, answers, track: (w) => void pending.push(w) })] });
    const server = app.listen(0);
    servers.push(server);
    await new Promise((r) => server.once("listening", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;
  }
  let flushes: Promise<void>[] = [];
  /** Each answer sent, whether alone or merged with others that waited for the same member. */
  const answersSent = () => sent.flatMap((m) => m.text.content.split("\n\n"));
  /** Recorded: what the messages' processing started has finished. */
  const recorded = async () => (await Promise.all(pending), (pending = []));
  /** Recorded and answered: the answer queues have sent what they held too. */
  const settle = async () => (await recorded(), await Promise.all(flushes), (flushes = []));
  const post = (url: string, query: string, body: string) => fetch(`${url}?${query}`, { method: "POST", body, headers: { "content-type": "text/xml" } });
  const sent: { touser: string; agentid: number; msgtype: string; text: { content: string }; template_card?: Record<string, unknown> }[] = [];
  const dropped: Record<string, unknown>[] = [];
  /** WeCom's clock, for its per-member windows: a test that moves time moves it too. */
  let wecomNow = () => Date.now();
  const updates: { userids: string[]; response_code: string; button?: { replace_name: string } }[] = [];
  function fakeWecom() {
    const delivery = createWecomDelivery();
    const accept = (body: Record<string, unknown>) => ((last = body), delivery.judge(body, wecomNow()) === "delivered" ? sent.push(body as never) : dropped.push(body), true);
    let last: Record<string, unknown> = {};
    let sends = 0;
    const sendReply = () => [200, sendAnswer(last, ++sends)] as [number, object];
    nock(API).persist()
      .get("/cgi-bin/gettoken").query(true).reply(200, { errcode: 0, errmsg: "ok", access_token: "TOKEN-1", expires_in: 7200 })
      // Captured in the body matcher: nock's reply callback cannot read bodies on Node 20. nock may try a
      // body matcher before the path, so each one checks the body's own shape.
      .post("/cgi-bin/message/send", (body) => "touser" in body && accept(body)).query({ access_token: "TOKEN-1" })
      .reply(sendReply)
      // A response_code is single-use: the fake refuses one that starts with "spent".
      .post("/cgi-bin/message/update_template_card", (body) => "response_code" in body && (updates.push(body as never), !String(body.response_code).startsWith("spent")))
      .query({ access_token: "TOKEN-1" }).reply(200, { errcode: 0, errmsg: "ok" })
      .post("/cgi-bin/message/update_template_card").query(true).reply(200, { errcode: 40029, errmsg: "invalid response_code" });
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    nock.enableNetConnect();
    await store.close();
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    await importSeed(db, "yubei-2021-postings");
    bot = createTestBot(db, store, new Date(1476422779 * 1000).toISOString());
    sent.length = 0;
    dropped.length = 0;
    wecomNow = () => Date.now();
    updates.length = 0;
    logLines.length = 0;
    fakeWecom();
  });
  afterEach(() => nock.cleanAll());

  describe("official vectors through the real route", () => {
    it("set A: GET answers the decrypted echostr as plain text", async () => {
      const url = await serve(SET_A);
      const q = "msg_signature=012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb&timestamp=1476416373&nonce=47744683&echostr=" +
        encodeURIComponent("fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==");
      const res = await fetch(`${url}?${q}`);
      expect([res.status, await res.text()]).toEqual([200, "1288432023552776189"]);
    });

    it("set B: GET with a URL-encoded echostr", async () => {
      const url = await serve(SET_B);
      const q = "msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D";
      const res = await fetch(`${url}?${q}`);
      expect([res.status, await res.text()]).toEqual([200, "1616140317555161061"]);
    });

    it("set A's GET input under set B's token is refused (the negative vector)", async () => {
      const url = await serve(SET_B);
      const q = "msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1476416373&nonce=47744683&echostr=" + encodeURIComponent("fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==");
      expect((await fetch(`${url}?${q}`)).status).toBe(401);
    });

    it("set A: POST is answered 200 with an empty body, stored, and answered through message/send", async () => {
      const url = await serve(SET_A);
      const res = await post(url, VECTOR_A_POST.query, envelope(SET_A.corpId, VECTOR_A_POST.encrypt, SET_A.agentId));
      expect([res.status, await res.text()]).toEqual([200, ""]);
      await settle();
      const stored = await db.client.inboundMessage.findFirstOrThrow();
      expect(stored).toMatchObject({ platform: "wecom", externalMsgId: "1456453720", senderExternalId: "ChenJiaShun", text: "你好", outcome: "unknown_sender" });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ touser: "ChenJiaShun", agentid: 1000002 });
      expect(sent[0].text.content).toContain("尚未登记");
    });

    it("set B: POST (CDATA-wrapped fields, AgentID 218)", async () => {
      const url = await serve(SET_B);
      bot.setNow(new Date(1409659813 * 1000).toISOString());
      const res = await post(url, VECTOR_B_POST.query, envelope(SET_B.corpId, VECTOR_B_POST.encrypt, SET_B.agentId));
      expect(res.status).toBe(200);
      await settle();
      expect(await db.client.inboundMessage.findFirstOrThrow()).toMatchObject({ externalMsgId: "4561255354251345929", senderExternalId: "mycreate", text: "hello" });
    });
  });

  describe("a doctor reporting through WeCom", () => {
    const now = 1623722400; // 2021-06-15 10:00 Asia/Shanghai, inside the 渝北 postings
    beforeEach(async () => {
      await linkAccount(db, "张灵", "ZhangLing");
      bot.setNow(new Date(now * 1000).toISOString());
    });
    const report = (content: string, msgId: string) =>
      buildCallback(SET_A, textXml({ corpId: SET_A.corpId, from: "ZhangLing", content, msgId, agentId: SET_A.agentId, createTime: now }), now);

    it("records the report and sends the receipt", async () => {
      const url = await serve(SET_A);
      const cb = report("讲座+1 查房+3", "7000000000000000001");
      expect((await post(url, cb.query, cb.body)).status).toBe(200);
      await settle();
      expect(sent.map((s) => s.text.content)).toEqual([expect.stringContaining("已记录：讲座 1 次、查房 3 次。")]);
      expect(await db.client.workloadEntry.count()).toBe(2);
    });

    it("answers a question asked twice each time: WeCom's duplicate check swallows no answer (doc 90236)", async () => {
      const url = await serve(SET_A);
      const asked = ["帮助", "帮助", "本月", "本月", "嗯嗯", "嗯嗯"];
      for (const [i, text] of asked.entries()) {
        const cb = report(text, `70000000000000001${i}`);
        expect((await post(url, cb.query, cb.body)).status).toBe(200);
        await settle();
      }
      expect(dropped).toEqual([]);
      expect(sent).toHaveLength(asked.length);
      expect(sent[1].text.content).toBe(sent[0].text.content);
    });

    it("answers a voice message, which reaches a self-built app without its text, pointing to text or the 填报 card", async () => {
      const url = await serve(SET_A);
      const cb = buildCallback(SET_A, voiceXml({ corpId: SET_A.corpId, from: "ZhangLing", msgId: "7000000000000000201", agentId: SET_A.agentId, createTime: now }), now);
      expect((await post(url, cb.query, cb.body)).status).toBe(200);
      await settle();
      expect(sent.map((s) => s.text.content)).toEqual([expect.stringContaining("收不到语音转成的文字")]);
      expect(sent[0].text.content).toContain("填报");
      expect(await db.client.workloadEntry.count()).toBe(0);
    });

    it("records a burst of 40 reports at once while WeCom's pace (30 a minute) holds their answers, then merges the rest", async () => {
      let clock = Date.UTC(2021, 5, 15, 2, 0, 0);
      wecomNow = () => clock;
      const sleepers: (() => void)[] = [];
      const url = await serve(SET_A, { now: () => clock, sleep: (ms) => new Promise<void>((r) => sleepers.push(() => ((clock += ms), r()))) });
      for (let i = 0; i < 40; i++) {
        const cb = report("门诊+1", `7000000000000003${String(i).padStart(3, "0")}`);
        expect((await post(url, cb.query, cb.body)).status).toBe(200);
      }
      await recorded();
      // Every report is recorded while most answers still wait for the member's next minute.
      expect(await db.client.workloadEntry.count()).toBe(40);
      const receipts = () => sent.reduce((k, m) => k + (m.text.content.match(/已记录：/g)?.length ?? 0), 0);
      expect(await waitFor(() => sleepers.length > 0)).toBe(true);
      expect(sent.length).toBeLessThanOrEqual(30);
      expect(receipts()).toBeLessThan(40);
      while (receipts() < 40) {
        expect(await waitFor(() => sleepers.length > 0 || receipts() === 40)).toBe(true);
        sleepers.shift()?.();
      }
      await settle();
      expect(receipts()).toBe(40);
      expect(sent.length).toBeLessThan(40); // the answers that waited together went as one message
      for (const m of sent) expect(Buffer.byteLength(m.text.content)).toBeLessThanOrEqual(2048);
      expect(dropped).toEqual([]); // WeCom's own per-member limit dropped nothing
    });

    it("records WeCom's retries once and replies once, even when they arrive together", async () => {
      const url = await serve(SET_A);
      const cb = report("查房+3", "7000000000000000002");
      const statuses = await Promise.all([1, 2, 3, 4].map(() => post(url, cb.query, cb.body).then((r) => r.status)));
      expect(statuses).toEqual([200, 200, 200, 200]);
      await settle();
      expect(await db.client.workloadEntry.aggregate({ _sum: { quantity: true } })).toMatchObject({ _sum: { quantity: 3 } });
      expect(sent).toHaveLength(1);
    });

    it("refuses forged, stale, foreign and malformed callbacks, changing nothing and logging each", async () => {
      const url = await serve(SET_A);
      const cb = report("查房+3", "7000000000000000003");
      const forged = cb.query.replace(/msg_signature=[0-9a-f]{6}/, "msg_signature=000000");
      expect((await post(url, forged, cb.body)).status).toBe(401);
      const otherCorp = buildCallback({ ...SET_A, corpId: "wwforeigncorp" }, textXml({ corpId: "wwforeigncorp", from: "ZhangLing", content: "查房+3", msgId: "1", agentId: SET_A.agentId, createTime: now }), now);
      expect((await post(url, otherCorp.query, otherCorp.body)).status).toBe(401);
      const otherAgent = buildCallback({ ...SET_A, agentId: "1000003" }, textXml({ corpId: SET_A.corpId, from: "ZhangLing", content: "查房+3", msgId: "2", agentId: "1000003", createTime: now }), now);
      expect((await post(url, otherAgent.query, otherAgent.body)).status).toBe(403);
      // The envelope's own AgentID is checked too, not only the one inside the ciphertext.
      const ours = report("查房+3", "7000000000000000004");
      const relabelled = ours.body.replace(/<AgentID>(<!\[CDATA\[)?\d+(\]\]>)?<\/AgentID>/, "<AgentID>1000003</AgentID>");
      expect(relabelled).not.toBe(ours.body);
      expect((await post(url, ours.query, relabelled)).status).toBe(403);
      bot.setNow(new Date((now + 3600) * 1000).toISOString());
      expect((await post(url, cb.query, cb.body)).status).toBe(401);
      bot.setNow(new Date(now * 1000).toISOString());
      expect((await post(url, cb.query, `<!DOCTYPE x [<!ENTITY e "boom">]>${cb.body}`)).status).toBe(400);
      expect((await post(url, cb.query, `<xml><Encrypt>${"A".repeat(70_000)}</Encrypt></xml>`)).status).toBe(413);
      expect((await post(url, "timestamp=1", cb.body)).status).toBe(401);
      await settle();
      expect(await db.client.inboundMessage.count()).toBe(0);
      expect(sent).toHaveLength(0);
      expect(logLines.filter((l) => l.includes('"security":true')).length).toBeGreaterThanOrEqual(5);
    });

    it("finishes a message that was stored and acknowledged but never processed, once, when the database is back", async () => {
      const url = await serve(SET_A);
      const cb = report("讲座+1", "7000000000000000005");
      // Storage works, processing does not (the database went away right after the ack).
      // (The sender lookup is the first thing processing asks, in plain SQL: that is what fails.)
      const realQuery = bot.db.$queryRaw;
      (bot.db as { $queryRaw: unknown }).$queryRaw = async () => { throw new Error("connection refused"); };
      try {
        expect((await post(url, cb.query, cb.body)).status).toBe(200);
        await settle();
      } finally {
        (bot.db as { $queryRaw: unknown }).$queryRaw = realQuery;
      }
      expect(await db.client.inboundMessage.findFirstOrThrow()).toMatchObject({ outcome: "received" });
      sent.length = 0;
      const api = createWecomApi({ base: API, corpId: SET_A.corpId, secret: "app-secret", agentId: 1000002, store, log: pino({ level: "silent" }) });
      const routeDeps = { secrets: SET_A, agentId: SET_A.agentId, bot, api, answers: createAnswerQueue({ api, log: pino({ level: "silent" }), track: (w) => void flushes.push(w) }) };
      expect(await answerUnfinishedWecom(routeDeps, new Date((now + 30) * 1000))).toBe(0); // too fresh: its first attempt may still be running
      expect(await answerUnfinishedWecom(routeDeps, new Date((now + 600) * 1000))).toBe(1);
      expect(await answerUnfinishedWecom(routeDeps, new Date((now + 660) * 1000))).toBe(0);
      await settle();
      expect(await db.client.workloadEntry.count()).toBe(1);
      expect(sent.map((m) => m.text.content)).toEqual([expect.stringContaining("已记录：讲座 1 次")]);
    });

    it("answers 503 when the message cannot be stored, so WeCom retries, and records the retry once", async () => {
      const url = await serve(SET_A);
      const cb = report("讲座+2", "7000000000000000004");
      const realCreate = bot.db.inboundMessage.create;
      (bot.db.inboundMessage as { create: unknown }).create = async () => { throw new Error("connection refused"); };
      try {
        expect((await post(url, cb.query, cb.body)).status).toBe(503);
      } finally {
        (bot.db.inboundMessage as { create: unknown }).create = realCreate;
      }
      expect((await post(url, cb.query, cb.body)).status).toBe(200);
      await settle();
      expect(await db.client.workloadEntry.count()).toBe(1);
    });
  });

  describe("cards through WeCom", () => {
    const now = 1623722400; // 2021-06-15 10:00 Asia/Shanghai
    beforeEach(async () => {
      await linkAccount(db, "张灵", "ZhangLing");
      await linkAccount(db, "刘平春", "LiuPingChun");
      bot.setNow(new Date(now * 1000).toISOString());
    });
    const tap = (from: string, taskId: string, eventKey: string, responseCode: string, extra: Partial<Parameters<typeof cardEventXml>[0]> = {}) =>
      buildCallback(SET_A, cardEventXml({ corpId: SET_A.corpId, from, taskId, eventKey, responseCode, agentId: SET_A.agentId, createTime: now, ...extra }), now);

    it("sends the quick report card on 填报 and records its submission, read from either OptionIds spelling", async () => {
      const url = await serve(SET_A);
      const ask = buildCallback(SET_A, textXml({ corpId: SET_A.corpId, from: "ZhangLing", content: "填报", msgId: "7100000000000000001", agentId: SET_A.agentId, createTime: now }), now);
      await post(url, ask.query, ask.body);
      await settle();
      expect(sent).toHaveLength(1);
      const card = sent[0].template_card as { card_type: string; task_id: string; select_list: { question_key: string }[]; submit_button: { key: string } };
      expect(sent[0].msgtype).toBe("template_card");
      expect(card.card_type).toBe("multiple_interaction");
      expect(card.task_id).toMatch(/^qr_\d+_20210615_[0-9a-f]{12}$/);
      expect(card.select_list.map((s) => s.question_key)).toEqual(["rounds", "lectures", "patients"]);

      const selected = [{ questionKey: "rounds", optionIds: ["2"] }, { questionKey: "lectures", optionIds: ["0"] }, { questionKey: "patients", optionIds: ["20"] }];
      const submit = tap("ZhangLing", card.task_id, card.submit_button.key, "code-1", { cardType: "multiple_interaction", selected, spelling: "OpitonId" });
      await Promise.all([post(url, submit.query, submit.body), post(url, submit.query, submit.body)]);
      await settle();
      const entries = await db.client.workloadEntry.findMany({ orderBy: { id: "asc" } });
      expect(entries.map((e) => [e.metric, e.quantity, e.source])).toEqual([["rounds", 2, "card"], ["patients", 20, "card"]]);
      expect(updates).toEqual([{ userids: ["ZhangLing"], agentid: 1000002, response_code: "code-1", button: { replace_name: "已提交 · 6月15日 10:00" } }]);
      expect(sent.slice(1).map((s) => s.text.content)).toEqual([expect.stringContaining("已记录：查房 2 次、诊疗 20 人次。")]);
    });

    it("updates every other contact's copy of the arrival card once one contact confirms, with the code each send returned", async () => {
      const url = await serve(SET_A);
      const posting = await db.client.posting.findFirstOrThrow({ where: { person: { name: "张灵" } }, include: { pairing: true } });
      await db.client.pairing.update({ where: { id: posting.pairingId! }, data: { contactPersonId: null } });
      const liu = await db.client.person.findFirstOrThrow({ where: { name: "刘平春" } });
      const zhou = await db.client.person.create({ data: { name: "周副院长", organizationId: liu.organizationId, role: "clinic_contact" } });
      await linkAccount(db, "周副院长", "ZhouFuYuanZhang");
      const arrival = (await findArrivalPosting(db.client, posting.id))!;
      const cards = [arrivalCard(arrival), arrivalCard(arrival)];
      expect(await deliver(liu.id, { card: cards[0] })).toBe("sent");
      expect(await deliver(zhou.id, { card: cards[1] })).toBe("sent");
      const zhouCode = "send-code-2";
      const first = tap("LiuPingChun", cards[0].taskId, "arrived", "tap-code-1");
      expect((await post(url, first.query, first.body)).status).toBe(200);
      await settle();
      expect(updates.map((u) => [u.userids, u.response_code, u.button?.replace_name])).toEqual([
        [["LiuPingChun"], "tap-code-1", expect.stringMatching(/^已确认 · 刘平春 · /)],
        [["ZhouFuYuanZhang"], zhouCode, expect.stringMatching(/^已确认 · 刘平春 · /)],
      ]);
      // The other contact's tap on their (now greyed) copy changes nothing and updates nothing again.
      const late = tap("ZhouFuYuanZhang", cards[1].taskId, "arrived", "tap-code-2");
      await post(url, late.query, late.body);
      await settle();
      expect(updates.filter((u) => u.response_code === zhouCode)).toHaveLength(1);
    });

    it("confirms an arrival on the contact's tap and greys the card; a spent response code falls back to text", async () => {
      const url = await serve(SET_A);
      const posting = await db.client.posting.findFirstOrThrow({ where: { person: { name: "张灵" } } });
      const card = arrivalCard((await findArrivalPosting(db.client, posting.id))!);
      const first = tap("LiuPingChun", card.taskId, "arrived", "spent-code");
      expect((await post(url, first.query, first.body)).status).toBe(200);
      await settle();
      expect(await db.client.posting.findUniqueOrThrow({ where: { id: posting.id } })).toMatchObject({ status: "arrived" });
      expect(updates).toHaveLength(1);
      // The card's outcome in text (its update was refused), then the answer: two answers, which may have
      // waited together for the member and gone as one message.
      expect(answersSent()).toEqual(["已确认 · 刘平春 · 6月15日 10:00", expect.stringContaining("已确认 张灵 到岗")]);
      // A replay of the same tap: no change, no API call at all.
      const before = sent.length;
      await post(url, first.query, first.body);
      await settle();
      expect([updates.length, sent.length]).toEqual([1, before]);
      // The doctor tapping the clinic's card: refused, the card left as it is.
      const wrong = tap("ZhangLing", card.taskId, "not_arrived", "code-2");
      await post(url, wrong.query, wrong.body);
      await settle();
      expect(updates).toHaveLength(1);
      expect(answersSent()[2]).toContain("只有 云阳县江口镇中心卫生院 的联系人可以确认");
    });
  });
});
