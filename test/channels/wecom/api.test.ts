// The outbound WeCom client against nock (the network is closed): token sharing, refresh on expiry,
// backoff on throttling, WeCom's 45009 block waited out, pacing per member instead of dropping, and the
// duplicate check only where a resend is the point.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWecomApi, FREQUENCY_BLOCK_MS, MAX_TEXT_BYTES } from "../../../src/channels/wecom/api.js";
import { PER_MEMBER_PER_HOUR, PER_MEMBER_PER_MINUTE, waitForSlot } from "../../../src/channels/wecom/member-pace.js";
import { PlatformError } from "../../../src/channels/http-core.js";
import { backendName, openTestStore } from "../../helpers/backends.js";

const API = "https://qyapi.test";

describe(`WeCom API client (${backendName})`, () => {
  const store = openTestStore();
  const lines: string[] = [];
  const log = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
  const sleeps: number[] = [];
  const make = (o: { now?: () => number } = {}) => createWecomApi({
    base: API, corpId: `corp${Math.random()}`, secret: "SECRET-VALUE", agentId: 1000002, store, log,
    sleep: async (ms) => void sleeps.push(ms), ...o,
  });
  const token = (value: string) => nock(API).get("/cgi-bin/gettoken").query({ corpid: /corp/, corpsecret: "SECRET-VALUE" }).reply(200, { errcode: 0, errmsg: "ok", access_token: value, expires_in: 7200 });
  const send = (accessToken: string, reply: object) => nock(API).post("/cgi-bin/message/send").query({ access_token: accessToken }).reply(200, reply);

  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => (nock.enableNetConnect(), await store.close()));
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
    sleeps.length = 0;
  });

  it("fetches a token once and shares it through the store", async () => {
    const api = make();
    token("T1");
    send("T1", { errcode: 0 });
    send("T1", { errcode: 0 });
    await api.sendText("u1", "一");
    await api.sendText("u1", "二");
  });

  it("keeps the token it read from the store for a minute: a reply is not also a store round trip", async () => {
    let clock = 1_800_000_000_000;
    let reads = 0;
    const counted = { ...store, get: (key: string) => (key.includes(":token:") && reads++, store.get(key)) };
    const api = createWecomApi({ base: API, corpId: `corp${Math.random()}`, secret: "SECRET-VALUE", agentId: 1000002, store: counted, log, sleep: async () => undefined, now: () => clock });
    token("T1");
    for (let i = 0; i < 3; i++) send("T1", { errcode: 0 });
    for (const text of ["一", "二", "三"]) await api.sendText(`u${text}`, text);
    expect(reads).toBe(1);
    clock += 61_000;
    send("T1", { errcode: 0 });
    await api.sendText("u4", "四");
    expect(reads).toBe(2);
  });

  it("refreshes the token once on 42001 and retries", async () => {
    const api = make();
    token("OLD");
    send("OLD", { errcode: 42001, errmsg: "access_token expired" });
    token("NEW");
    send("NEW", { errcode: 0 });
    await api.sendText("u1", "x");
  });

  it("gives up after one refresh when the new token is refused too", async () => {
    const api = make();
    token("A");
    send("A", { errcode: 40014 });
    token("B");
    send("B", { errcode: 40014, errmsg: "invalid access_token" });
    await expect(api.sendText("u1", "x")).rejects.toBeInstanceOf(PlatformError);
  });

  it("backs off with jitter on -1 and 45033, then succeeds", async () => {
    const api = make();
    token("T");
    send("T", { errcode: -1, errmsg: "system busy" });
    send("T", { errcode: 45033, errmsg: "api concurrent out of limit" });
    send("T", { errcode: 0 });
    await api.sendText("u1", "x");
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0] - 250);
  });

  it("waits out 45009's block (a minute, doc 90454) on every instance of the app instead of retrying within seconds", async () => {
    let clock = Date.UTC(2026, 0, 5, 9, 3, 0);
    const o = { base: API, corpId: "blocked-corp", secret: "SECRET-VALUE", agentId: 1000002, store, log, now: () => clock, sleep: async (ms: number) => void (sleeps.push(ms), (clock += ms)) };
    const [first, second] = [createWecomApi(o), createWecomApi(o)];
    token("T");
    send("T", { errcode: 45009, errmsg: "api freq out of limit" });
    send("T", { errcode: 0 });
    await first.sendText("u1", "x");
    expect(sleeps).toEqual([FREQUENCY_BLOCK_MS]);
    // Another instance sending inside the block waits for its end too, without a call.
    clock -= 30_000;
    send("T", { errcode: 0 });
    await second.sendText("u2", "y");
    expect(sleeps.at(-1)).toBe(30_000);
  });

  it("sends an answer without WeCom's duplicate check, and the outbox's resendable message with it", async () => {
    const api = make();
    const bodies: Record<string, unknown>[] = [];
    token("T");
    nock(API).post("/cgi-bin/message/send", (b) => (bodies.push(b), true)).query({ access_token: "T" }).times(2).reply(200, { errcode: 0 });
    await api.sendText("u1", "帮助");
    await api.resending.sendText("u1", "提醒");
    expect(bodies[0]).not.toHaveProperty("enable_duplicate_check");
    expect(bodies[1]).toMatchObject({ enable_duplicate_check: 1, duplicate_check_interval: 1800 });
  });

  it("keeps a member within 30 in any rolling minute and 1,000 in any rolling hour, not per calendar minute", () => {
    const at = Date.UTC(2026, 0, 5, 9, 1, 5);
    // 30 sends in the last ten seconds of 09:00: a calendar minute would allow a 31st at 09:01:05.
    const lateInTheMinute = Array.from({ length: PER_MEMBER_PER_MINUTE }, (_, i) => Date.UTC(2026, 0, 5, 9, 0, 50) + i * 300);
    // (with the 2 s margin kept for the time a message takes to reach WeCom)
    expect(waitForSlot(lateInTheMinute, at)).toBe(lateInTheMinute[0] + 62_000 - at);
    expect(waitForSlot(lateInTheMinute.slice(1), at)).toBe(0);
    const spreadOverTheHour = Array.from({ length: PER_MEMBER_PER_HOUR }, (_, i) => at - 3_500_000 + i * 3000);
    expect(waitForSlot(spreadOverTheHour, at)).toBe(102_000);
  });

  it("waits for the next minute instead of sending a member a 31st message", async () => {
    let clock = Date.UTC(2026, 0, 5, 9, 0, 10);
    const advancing = createWecomApi({
      base: API, corpId: "paced-corp", secret: "SECRET-VALUE", agentId: 1000002, store, log,
      now: () => clock, sleep: async (ms) => void (sleeps.push(ms), (clock += ms)),
    });
    token("T");
    nock(API).post("/cgi-bin/message/send").query({ access_token: "T" }).times(PER_MEMBER_PER_MINUTE + 1).reply(200, { errcode: 0 });
    for (let i = 0; i < PER_MEMBER_PER_MINUTE; i++) await advancing.sendText("busymember", `#${i}`);
    expect(sleeps).toEqual([]);
    await advancing.sendText("busymember", "#31");
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50_000); // from 09:00:10 to the next minute
  });

  it("sends text over 2,048 bytes in parts split between lines, each within the limit, in order", async () => {
    const api = make();
    token("T");
    const bodies: { text: { content: string }; enable_duplicate_check?: number }[] = [];
    const lines = Array.from({ length: 60 }, (_, i) => `第${i + 1}行：讲座 1 次、查房 3 次，门诊 25 人次。`);
    const parts = Math.ceil(Buffer.byteLength(lines.join("\n")) / MAX_TEXT_BYTES) + 1;
    const mock = nock(API).post("/cgi-bin/message/send", (b) => (bodies.push(b as never), true)).query({ access_token: "T" }).times(parts).reply(200, { errcode: 0 });
    await api.sendText("u1", lines.join("\n"));
    nock.removeInterceptor(mock as never);
    nock.cleanAll();
    const sent = bodies.map((b) => b.text.content);
    expect(sent.length).toBeGreaterThan(1);
    for (const part of sent) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(sent.join("\n")).toBe(lines.join("\n"));
    // An answer's parts go without the duplicate check: two equal parts (or a part equal to an earlier
    // answer) must both arrive.
    expect(bodies.some((b) => "enable_duplicate_check" in b)).toBe(false);
  });

  it("tells a timeout (may have arrived) from a refused connection (did not) and a refusal (with its code)", async () => {
    // A WeCom that takes the request and never answers: a real socket on loopback (nock cannot hang).
    const silent = createServer(() => undefined).listen(0, "127.0.0.1");
    await new Promise((r) => silent.once("listening", r));
    nock.enableNetConnect("127.0.0.1");
    const hanging = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const corpId = `corp${Math.random()}`;
    await store.set(`wecom:token:${corpId}:1000002`, "T", 60_000);
    const api = createWecomApi({ base: hanging, corpId, secret: "SECRET-VALUE", agentId: 1000002, store, log, sleep: async (ms) => void sleeps.push(ms), timeoutMs: 200 });
    const timedOut = await api.sendText("u1", "x").catch((e: PlatformError) => e);
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r)); // now nothing listens on that port
    expect(timedOut).toBeInstanceOf(PlatformError);
    expect((timedOut as PlatformError).failure).toMatchObject({ kind: "network", mayHaveArrived: true });
    expect(sleeps).toEqual([]); // not retried here: the outbox decides, with WeCom's duplicate check on

    const closed = createWecomApi({ base: hanging, corpId, secret: "SECRET-VALUE", agentId: 1000002, store, log, sleep: async (ms) => void sleeps.push(ms) });
    const refusedConnection = await closed.sendText("u1", "x").catch((e: PlatformError) => e);
    expect((refusedConnection as PlatformError).failure).toMatchObject({ kind: "network", mayHaveArrived: false });
    nock.disableNetConnect();
    sleeps.length = 0;

    const refusing = make();
    token("T");
    nock(API).post("/cgi-bin/message/send").query(true).reply(200, { errcode: 81013, errmsg: "user & party & tag all invalid" });
    const refused = await refusing.sendText("u1", "x").catch((e: PlatformError) => e);
    expect((refused as PlatformError).failure).toMatchObject({ kind: "refused", code: "81013", retryable: false });
  });

  it("does not take a 2xx that is not JSON for success", async () => {
    const api = make();
    token("T");
    nock(API).post("/cgi-bin/message/send").query(true).reply(200, "<html>网关错误</html>", { "content-type": "text/html" });
    const error = await api.sendText("u1", "x").catch((e: PlatformError) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).failure).toMatchObject({ kind: "network", mayHaveArrived: true });
  });

  it("never logs the token or the secret", async () => {
    const api = make();
    token("TOKEN-SHOULD-NOT-APPEAR");
    send("TOKEN-SHOULD-NOT-APPEAR", { errcode: 0 });
    await api.sendText("u1", "x");
    expect(lines.join("")).not.toMatch(/TOKEN-SHOULD-NOT-APPEAR|SECRET-VALUE/);
  });
});
