// The outbound DingTalk client against nock (the network is closed): token sharing and refresh, backoff
// on throttling, 20 users a batchSend, the app's per-API pace (20 a second) and the monthly quota, and
// flow-controlled users sent to after 10 minutes instead of dropped.
import nock from "nock";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isQuotaSpent, PlatformError } from "../../../src/channels/http-core.js";
import { createDingtalkApi, PER_API_PER_SECOND, THROTTLED_BLOCK_MS } from "../../../src/channels/dingtalk/api.js";
import { backendName, openTestStore } from "../../helpers/backends.js";

const API = "https://dingtalk.test";
type Sent = { robotCode: string; userIds: string[]; msgKey: string; msgParam: string };

describe(`DingTalk API client (${backendName})`, () => {
  const store = openTestStore();
  const lines: string[] = [];
  const log = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
  const quotaLines = () => lines.filter((l) => l.includes("monthly API quota"));
  const sleeps: number[] = [];
  let clock = Date.parse("2026-11-23T02:00:10Z");
  const make = () => createDingtalkApi({
    base: API, oapiBase: "https://oapi.dingtalk.test", appKey: `key${Math.random()}`, appSecret: "SECRET", robotCode: `robot${Math.random()}`, store, log,
    now: () => clock, sleep: async (ms) => void (sleeps.push(ms), (clock += ms)),
  });
  const token = (value: string) => nock(API).post("/v1.0/oauth2/accessToken", (b) => "appKey" in b && b.appSecret === "SECRET").reply(200, { accessToken: value, expireIn: 7200 });
  const sent: Sent[] = [];
  const batchSend = (accessToken: string, status: number, reply: object, times = 1) =>
    nock(API, { reqheaders: { "x-acs-dingtalk-access-token": accessToken } })
      .post("/v1.0/robot/oToMessages/batchSend", (b) => "userIds" in b && (sent.push(b as Sent), true)).times(times).reply(status, reply);

  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => (nock.enableNetConnect(), await store.close()));
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
    sleeps.length = 0;
    sent.length = 0;
  });

  it("fetches a token once, shares it, and sends sampleText as a JSON string", async () => {
    const api = make();
    token("T1");
    batchSend("T1", 200, { processQueryKey: "q1" }, 2);
    await api.sendText("LiYiSheng", "一");
    await api.sendText("LiYiSheng", "二");
    expect(sent[0]).toMatchObject({ userIds: ["LiYiSheng"], msgKey: "sampleText" });
    expect(JSON.parse(sent[0].msgParam)).toEqual({ content: "一" });
  });

  it("refreshes a refused token once and retries", async () => {
    const api = make();
    token("OLD");
    batchSend("OLD", 400, { code: "InvalidAuthentication", message: "不合法的access_token" });
    token("NEW");
    batchSend("NEW", 200, { processQueryKey: "q" });
    await api.sendText("u1", "一");
    expect(sent).toHaveLength(2);
  });

  it("backs off on QPS limits and server errors, and gives up with the error after four tries", async () => {
    const api = make();
    token("T");
    batchSend("T", 403, { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "qps" });
    batchSend("T", 503, {});
    batchSend("T", 200, { processQueryKey: "q" });
    await api.updateCard("x", {}).catch(() => undefined); // no mock: network refused, retried then thrown
    sleeps.length = 0;
    await api.sendText("u1", "一");
    expect(sleeps).toHaveLength(2);
    nock(API).post("/v1.0/robot/oToMessages/batchSend").times(4).reply(429, { code: "Throttling", message: "slow down" });
    await expect(api.sendText("u1", "二")).rejects.toBeInstanceOf(PlatformError);
    nock(API).post("/v1.0/robot/oToMessages/batchSend").reply(400, { code: "invalidParameter", message: "bad" });
    await expect(api.sendText("u1", "三")).rejects.toThrow(/400 invalidParameter/);
  });

  it("sends to 45 users in calls of 20, 20 and 5", async () => {
    const api = make();
    token("T");
    batchSend("T", 200, { processQueryKey: "q" }, 3);
    await api.sendToUsers(Array.from({ length: 45 }, (_, i) => `u${i}`), "sampleText", { content: "通知" });
    expect(sent.map((s) => s.userIds.length)).toEqual([20, 20, 5]);
  });

  it("paces calls to the app's per-API limit: the 21st call of a second waits for the next second", async () => {
    clock = Date.parse("2026-11-23T03:00:10.200Z");
    const api = make();
    token("T");
    batchSend("T", 200, { processQueryKey: "q" }, PER_API_PER_SECOND + 1);
    for (let i = 0; i <= PER_API_PER_SECOND; i++) await api.sendText(`u${i}`, "提醒");
    expect(sent).toHaveLength(PER_API_PER_SECOND + 1);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(700); // the clock was 200 ms into its second
    expect(sleeps[0]).toBeLessThan(1000);
  });

  it("stops sending when the organisation's monthly quota is spent, until the month turns, and says so once", async () => {
    clock = Date.parse("2026-11-23T03:00:10Z");
    const api = make();
    token("T");
    batchSend("T", 403, { code: "Forbidden.AccessDenied.ApiCountLimitForOrg", message: "调用次数超过限制" });
    await expect(api.sendText("u1", "一")).rejects.toThrow(/ApiCountLimitForOrg/);
    await expect(api.sendText("u2", "二")).rejects.toThrow(/ApiCountLimitForOrg/); // no call made: no mock for it
    expect(sleeps).toEqual([]);
    expect(quotaLines()).toHaveLength(1);
    clock = Date.parse("2026-11-30T16:00:01Z"); // 1 December, 00:00:01 in China
    batchSend("T", 200, { processQueryKey: "q" });
    await api.sendText("u3", "三");
    expect(sent.map((s) => s.userIds)).toEqual([["u1"], ["u3"]]);
  });

  it("knows the quota's legacy form too: errcode 90020 from the oapi host stops sending like ApiCountLimitForOrg", async () => {
    clock = Date.parse("2026-11-23T03:00:10Z");
    const api = make();
    token("T");
    nock("https://oapi.dingtalk.test").post("/media/upload").query(true).reply(200, { errcode: 90020, errmsg: "本月api调用量已超过限制" });
    const told = quotaLines().length;
    const upload = await api.uploadImage(Buffer.from("png"), "chart.png").catch((e: unknown) => e);
    expect(isQuotaSpent(upload)).toBe(true);
    await expect(api.sendText("u1", "一")).rejects.toThrow(/ApiCountLimitForOrg/); // no call made: no mock for it
    expect(quotaLines()).toHaveLength(told + 1);
  });

  it("treats a card the API took but did not deliver (deliverResults) as not sent", async () => {
    const api = make();
    token("T");
    nock(API).post("/v1.0/card/instances/createAndDeliver").reply(200, { success: true, result: { outTrackId: "t1", deliverResults: [{ spaceId: "u1", spaceType: "IM_ROBOT", success: false, errorMsg: "robot not in conversation" }] } });
    const error = await api.deliverCard({ userId: "u1", outTrackId: "t1", cardTemplateId: "tpl", params: {} }).catch((e: PlatformError) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).failure).toMatchObject({ kind: "refused", code: "deliver_failed", message: "robot not in conversation" });
    expect((error as PlatformError).certainlyNotDelivered).toBe(true);
  });

  it("blocks the robot for 10 minutes when DingTalk flow-controls users, then sends them what they missed", async () => {
    const api = make();
    token("T");
    batchSend("T", 200, { processQueryKey: "q", flowControlledStaffIdList: ["u2"] });
    batchSend("T", 200, { processQueryKey: "q" });
    await api.sendToUsers(["u1", "u2"], "sampleText", { content: "提醒" });
    expect(sent.map((s) => s.userIds)).toEqual([["u1", "u2"], ["u2"]]);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(THROTTLED_BLOCK_MS);
  });

  it("answers through a valid session webhook, and declines one that has expired", async () => {
    const api = make(); // no token fetched: a session webhook is called without one
    let body: unknown;
    nock("https://oapi.dingtalk.test").post("/robot/sendBySession", (b) => ((body = b), true)).query({ session: "s1" }).reply(200, { errcode: 0, errmsg: "ok" });
    const message = { msgtype: "text", text: { content: "已记录" } };
    expect(await api.replyBySession("https://oapi.dingtalk.test/robot/sendBySession?session=s1", clock + 30 * 60_000, message)).toBe(true);
    expect(body).toEqual(message);
    expect(await api.replyBySession("https://oapi.dingtalk.test/robot/sendBySession?session=s1", clock + 30_000, message)).toBe(false);
  });
});
