// The real server process with DingTalk on in Stream mode, against a fake DingTalk on loopback (HTTP API
// plus a Stream gateway). A doctor imported with a 钉钉账号 reports over the Stream connection and is
// answered through the session webhook; a frame whose ack is lost is not sent again (DingTalk's robot
// pushes are fire-and-forget) and was counted once; the clinic contact confirms an arrival on a card;
// dropped and silent (zombie) connections are replaced; a `disconnect` lets the frames in flight finish.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/wait.js";
import { TOPIC_CARD, TOPIC_ROBOT } from "../../../src/channels/dingtalk/stream.js";
import { dayjs } from "../../../src/infra/time.js";
import { cardCallback, robotMessage, signedHeaders } from "../../helpers/dingtalk.js";
import { startFakeDingtalk, type FakeDingtalk } from "../../helpers/fake-dingtalk.js";
import { isolatedEnv, runCli, startServer, type ServerProcess } from "../../helpers/processes.js";
import { freePort } from "../../helpers/ports.js";


// A fresh app key per run: the access token is cached per app key in the shared store, and a real
// Redis outlives one test run.
const APP = { clientId: `dingkey${Math.floor(Math.random() * 1e9)}`, clientSecret: "dingtalk-secret-e2e" };

describe("DingTalk end to end (Stream mode)", () => {
  let fake: FakeDingtalk;
  let server: ServerProcess;
  const today = dayjs().tz("Asia/Shanghai");
  let seq = 0;
  const say = (staffId: string, content: string, o: { loseAck?: boolean } = {}) => {
    const msgId = `msg-e2e-${++seq}`;
    const body = robotMessage({ staffId, content, msgId, at: new Date(), webhook: `${fake.base}/robot/sendBySession?session=${msgId}` });
    fake.push(TOPIC_ROBOT, body, o);
    return msgId;
  };
  const repliesTo = (msgId: string) => fake.session.filter((s) => s.session === msgId).map((s) => s.content);

  beforeAll(async () => {
    fake = await startFakeDingtalk({ ...APP, pingMs: 300 });
    const env = {
      ...isolatedEnv(), DINGTALK_APP_KEY: APP.clientId, DINGTALK_APP_SECRET: APP.clientSecret, DINGTALK_ROBOT_CODE: APP.clientId,
      DINGTALK_API_BASE: fake.base, DINGTALK_STREAM_WATCHDOG_S: "2", DINGTALK_CARD_TEMPLATE_BUTTONS: "tpl-buttons", DINGTALK_CARD_TEMPLATE_FORM: "tpl-form",
      JOURNAL_DIR: mkdtempSync(join(tmpdir(), "duikou-journal-")), INSTANCE_ID: "e2e",
    };
    // A message the last run journaled while its database was down, and never replayed before it stopped.
    const journaled = robotMessage({ staffId: "LiYiSheng", content: "会诊+2", msgId: "msg-journaled", at: new Date(), webhook: `${fake.base}/robot/sendBySession?session=msg-journaled` });
    mkdirSync(join(env.JOURNAL_DIR, "e2e"));
    writeFileSync(join(env.JOURNAL_DIR, "e2e", "inbound.jsonl"), JSON.stringify({
      platform: "dingtalk", msgId: "msg-journaled", senderId: "LiYiSheng", text: "会诊+2", payload: journaled, receivedAt: new Date().toISOString(),
    }) + "\n");
    const roster = join(mkdtempSync(join(tmpdir(), "duikou-")), "roster.csv");
    writeFileSync(roster, `支援单位,受援单位,受援单位联系人,联系人钉钉账号,姓名,联系电话,开始日期,结束日期,钉钉账号\n县医院,乡卫生院,王院长,WangYuanZhang,李医生,13900001111,${today.subtract(10, "day").format("YYYY-MM-DD")},${today.add(100, "day").format("YYYY-MM-DD")},LiYiSheng\n`);
    expect((await runCli(["import", "--create", roster], { env })).code).toBe(0);
    server = await startServer(env, await freePort());
    expect(await waitFor(() => fake.connected())).toBe(true);
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) await server.stop();
    await fake.close();
  });

  it("records a report sent over the Stream connection, acks the frame and answers in the conversation", async () => {
    const msgId = say("LiYiSheng", "讲座+1 查房+3");
    expect(await waitFor(() => repliesTo(msgId).length > 0)).toBe(true);
    expect(repliesTo(msgId)).toEqual([expect.stringContaining("已记录：讲座 1 次、查房 3 次。")]);
    expect(await waitFor(() => fake.unacked.size === 0)).toBe(true);
  });

  it("replays at start a journal the last run left, and answers its message", async () => {
    expect(await waitFor(() => repliesTo("msg-journaled").length > 0)).toBe(true);
    expect(repliesTo("msg-journaled")).toEqual([expect.stringContaining("已记录：会诊 2 次。")]);
  });

  it("says at start-up that the DingTalk channel is on, and nothing of it being off", () => {
    expect(server.output()).toContain("DingTalk channel on");
    expect(server.output()).not.toContain("DingTalk channel off");
  });

  it("a robot message whose ack is lost is not sent again, and was recorded and answered once", async () => {
    const opens = fake.opens;
    const msgId = say("LiYiSheng", "查房+2", { loseAck: true });
    expect(await waitFor(() => fake.opens > opens && fake.connected(), 15_000)).toBe(true);
    expect(await waitFor(() => repliesTo(msgId).length > 0)).toBe(true);
    const next = say("LiYiSheng", "本月");
    expect(await waitFor(() => repliesTo(next).length > 0)).toBe(true);
    expect(repliesTo(msgId)).toEqual([expect.stringContaining("已记录：查房 2 次。\n本月：")]);
    expect(repliesTo(msgId)[0]).toContain("查房 5");
  });

  it("acknowledges EVENT pushes, which DingTalk sends again until they are", async () => {
    const id = fake.pushEvent("chat_update_title", { title: "x" });
    expect(await waitFor(() => fake.acks.includes(id))).toBe(true);
  });

  it("on the gateway's disconnect, opens the new connection before closing the old, and acknowledges the frame in flight on it", async () => {
    const opens = fake.opens;
    const msgId = say("LiYiSheng", "手术+1");
    fake.disconnect();
    expect(await waitFor(() => fake.opens > opens && fake.connected(), 15_000)).toBe(true);
    expect(fake.overlapped).toBe(true);
    expect(await waitFor(() => repliesTo(msgId).length > 0)).toBe(true);
    expect(repliesTo(msgId)).toEqual([expect.stringContaining("已记录：手术 1")]);
    expect([...fake.unacked.values()].filter((f) => f.includes(msgId))).toEqual([]);
  });

  it("reconnects after the gateway drops the connection, and takes the next message", async () => {
    const opens = fake.opens;
    fake.drop();
    expect(await waitFor(() => fake.opens > opens && fake.connected(), 15_000)).toBe(true);
    const msgId = say("LiYiSheng", "本月");
    expect(await waitFor(() => repliesTo(msgId).length > 0)).toBe(true);
    expect(repliesTo(msgId)[0]).toContain("讲座 1");
  });

  it("replaces a silent (zombie) connection and takes the next message on the new one", async () => {
    const opens = fake.opens;
    fake.freeze(); // a push now would be lost, as on DingTalk: nothing is re-sent
    expect(await waitFor(() => fake.opens > opens && fake.connected(), 15_000)).toBe(true);
    const msgId = say("LiYiSheng", "巡诊+1");
    expect(await waitFor(() => repliesTo(msgId).length > 0)).toBe(true);
    expect(repliesTo(msgId)).toEqual([expect.stringContaining("已记录：巡诊 1 次。")]);
    expect(await server.printed("stream connection silent; replacing it")).toBe(true);
  });

  it("replaces a connection that still answers pongs but no longer carries the gateway's pings or messages", async () => {
    const opens = fake.opens;
    await waitFor(() => fake.pings >= 3); // the client has learnt the gateway's interval
    fake.zombie(); // a push now would be lost, as on DingTalk
    expect(await waitFor(() => fake.opens > opens && fake.connected(), 15_000)).toBe(true);
    const msgId = say("LiYiSheng", "会诊+1");
    expect(await waitFor(() => repliesTo(msgId).length > 0)).toBe(true);
    expect(server.output()).toMatch(/"noFramesMs":\d+.*stream connection silent; replacing it/);
  });

  it("confirms an arrival on the clinic contact's card tap (Stream) and updates the card once", async () => {
    const taskId = "arr_1_0123456789ab"; // the roster above makes posting 1
    const tap = cardCallback({ outTrackId: taskId, userId: "WangYuanZhang", action: "arrived" });
    const frames = [fake.push(TOPIC_CARD, tap), fake.push(TOPIC_CARD, tap)];
    expect(await waitFor(() => fake.updates.length > 0)).toBe(true);
    // Both frames acknowledged (so stored, or found to be a copy) and nothing left to process.
    expect(await waitFor(() => frames.every((id) => fake.acks.includes(id)))).toBe(true);
    expect(await server.drained()).toBe(true);
    expect(await waitFor(() => fake.batch.some((b) => b.userIds[0] === "WangYuanZhang"))).toBe(true);
    expect(fake.updates).toEqual([{ outTrackId: taskId, params: expect.objectContaining({ status: expect.stringMatching(/^已确认 · 王院长 · /), show_arrived: "false" }) }]);
    expect(fake.batch.filter((b) => b.userIds[0] === "WangYuanZhang").map((b) => b.content)).toEqual([expect.stringContaining("已确认 李医生 到岗")]);
  });

  it("sends the quick report card on 填报 with the card template", async () => {
    const msgId = say("LiYiSheng", "填报");
    expect(await waitFor(() => fake.cards.length > 0)).toBe(true);
    expect(fake.cards[0]).toMatchObject({ cardTemplateId: "tpl-form", outTrackId: expect.stringMatching(/^qr_\d+_\d{8}_[0-9a-f]{12}$/) });
    expect(repliesTo(msgId)).toEqual([]);
  });

  it("also takes signed HTTP callbacks, and refuses a forged one with 401", async () => {
    const body = robotMessage({ staffId: "LiYiSheng", content: "会诊+1", msgId: "msg-http-1", at: new Date(), webhook: `${fake.base}/robot/sendBySession?session=msg-http-1` });
    const forged = await fetch(`${server.base}/dingtalk/callback`, { method: "POST", headers: signedHeaders("not-the-secret"), body: JSON.stringify(body) });
    expect(forged.status).toBe(401);
    const ok = await fetch(`${server.base}/dingtalk/callback`, { method: "POST", headers: signedHeaders(APP.clientSecret), body: JSON.stringify(body) });
    expect(ok.status).toBe(200);
    expect(await waitFor(() => repliesTo("msg-http-1").length > 0)).toBe(true);
    expect(repliesTo("msg-http-1")[0]).toContain("已记录：会诊 1 次。");
  });
});
