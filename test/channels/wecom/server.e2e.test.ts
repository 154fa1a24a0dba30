// The real server process with WeCom on, against a fake WeCom API on loopback: a doctor imported from
// the roster with a 企业微信账号 reports by encrypted callback and gets the receipt through message/send.
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../helpers/wait.js";
import { dayjs } from "../../../src/infra/time.js";
import { startFakeWecom, type FakeWecom } from "../../helpers/fake-wecom.js";
import { isolatedEnv, runCli, startServer, type ServerProcess } from "../../helpers/processes.js";
import { freePort } from "../../helpers/ports.js";
import { buildCallback, cardEventXml, SET_A, textXml } from "../../helpers/wecom.js";


// A fresh AgentId per run: the access token is cached per CorpID + AgentId in the shared store, and a
// real Redis outlives one test run.
const APP = { ...SET_A, agentId: String(2_000_000 + Math.floor(Math.random() * 1_000_000)) };

describe("WeCom end to end", () => {
  let fake: FakeWecom;
  let server: ServerProcess;
  const today = dayjs().tz("Asia/Shanghai");

  beforeAll(async () => {
    fake = await startFakeWecom();
    const env = {
      ...isolatedEnv(), WECOM_CORP_ID: APP.corpId, WECOM_AGENT_ID: APP.agentId, WECOM_SECRET: "secret",
      WECOM_TOKEN: SET_A.token, WECOM_AES_KEY: SET_A.aesKey, WECOM_API_BASE: fake.base, SHUTDOWN_GRACE_S: "1",
    };
    const roster = join(mkdtempSync(join(tmpdir(), "duikou-")), "roster.csv");
    writeFileSync(roster, `支援单位,受援单位,受援单位联系人,联系人企业微信账号,姓名,联系电话,开始日期,结束日期,企业微信账号\n县医院,乡卫生院,王院长,WangYuanZhang,李医生,13900001111,${today.subtract(10, "day").format("YYYY-MM-DD")},${today.add(100, "day").format("YYYY-MM-DD")},LiYiSheng\n`);
    expect((await runCli(["import", "--create", roster], { env })).code).toBe(0);
    server = await startServer(env, await freePort());
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) await server.stop();
    await fake.close();
  });

  it("answers 200 with an empty body and sends the receipt through the API, once for WeCom's retries", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cb = buildCallback(APP, textXml({ corpId: APP.corpId, from: "LiYiSheng", content: "讲座+1 查房+3", msgId: "8000000000000000001", agentId: APP.agentId, createTime: now }), now);
    const post = () => fetch(`${server.base}/wecom/callback?${cb.query}`, { method: "POST", body: cb.body });
    const first = await post();
    expect([first.status, await first.text()]).toEqual([200, ""]);
    await Promise.all([post(), post(), post()]);
    await waitFor(() => fake.sent.length > 0);
    expect(await server.drained()).toBe(true);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ touser: "LiYiSheng", agentid: Number(APP.agentId), msgtype: "text" });
    expect(fake.sent[0].text?.content).toContain("已记录：讲座 1 次、查房 3 次。");
    expect(fake.tokens).toBe(1);
  });

  it("refuses a forged callback with 401", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cb = buildCallback({ ...APP, token: "wrongtoken" }, textXml({ corpId: APP.corpId, from: "LiYiSheng", content: "查房+1", msgId: "8000000000000000002", agentId: APP.agentId, createTime: now }), now);
    expect((await fetch(`${server.base}/wecom/callback?${cb.query}`, { method: "POST", body: cb.body })).status).toBe(401);
    expect(await server.printed('"security":true')).toBe(true);
  });

  it("confirms an arrival from the clinic contact's card tap and greys the card, once for a double tap", async () => {
    const now = Math.floor(Date.now() / 1000);
    // The task id an arrival card for posting 1 carries (the roster above makes one posting).
    const taskId = "arr_1_0123456789ab";
    const tap = (from: string, key: string, code: string) =>
      buildCallback(APP, cardEventXml({ corpId: APP.corpId, from, taskId, eventKey: key, responseCode: code, agentId: APP.agentId, createTime: now }), now);
    const sentBefore = fake.sent.length;
    const doctor = tap("LiYiSheng", "arrived", "code-doctor");
    expect((await fetch(`${server.base}/wecom/callback?${doctor.query}`, { method: "POST", body: doctor.body })).status).toBe(200);
    await waitFor(() => fake.sent.length > sentBefore);
    expect(fake.sent.at(-1)?.text?.content).toContain("只有 乡卫生院 的联系人可以确认 李医生 到岗");
    const contact = tap("WangYuanZhang", "arrived", "code-contact");
    await Promise.all([1, 2].map(() => fetch(`${server.base}/wecom/callback?${contact.query}`, { method: "POST", body: contact.body })));
    // The card is updated, then the contact answered; both copies were acknowledged (the second found
    // to be a copy), and nothing is left to process.
    await waitFor(() => fake.updates.length > 0 && fake.sent.some((s) => s.touser === "WangYuanZhang"));
    expect(await server.drained()).toBe(true);
    expect(fake.updates).toEqual([expect.objectContaining({ userids: ["WangYuanZhang"], response_code: "code-contact", button: { replace_name: expect.stringMatching(/^已确认 · 王院长 · /) } })]);
    expect(fake.sent.filter((s) => s.touser === "WangYuanZhang").map((s) => s.text?.content)).toEqual([expect.stringContaining("已确认 李医生 到岗")]);
  });

  it("counts inbound messages by outcome in /metrics", async () => {
    const text = await (await fetch(`${server.base}/metrics`)).text();
    expect(text).toMatch(/duikou_inbound_messages_total\{platform="wecom",outcome="recorded"\} 1/);
  });

  // Last: it stops the server.
  it("shuts down within its grace period while a reply hangs, leaving the rest for the next start", async () => {
    fake.hang = true;
    const now = Math.floor(Date.now() / 1000);
    const cb = buildCallback(APP, textXml({ corpId: APP.corpId, from: "LiYiSheng", content: "巡诊+1", msgId: "8000000000000000099", agentId: APP.agentId, createTime: now }), now);
    expect((await fetch(`${server.base}/wecom/callback?${cb.query}`, { method: "POST", body: cb.body })).status).toBe(200);
    await waitFor(() => fake.hung > 0);
    expect(fake.hung).toBeGreaterThan(0);
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.output()).toContain("shutdown grace over");
  });
});
