// Signing in to the console without a browser: WeCom's in-app sign-in (snsapi_base, code → auth/getuserinfo
// → userid) against the fake WeCom API, 后台 sent over WeCom itself, links that work once, sessions that
// end, and changes without the CSRF token refused.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayjs } from "../../src/infra/time.js";
import { startFakeWecom, type FakeWecom } from "../helpers/fake-wecom.js";
import { isolatedEnv, runCli, startServer, type ServerProcess } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";
import { buildCallback, SET_A, textXml } from "../helpers/wecom.js";
import { waitFor } from "../helpers/wait.js";

const APP = { ...SET_A, agentId: String(3_000_000 + Math.floor(Math.random() * 1_000_000)) };
const cookieOf = (res: Response) => /duikou_session=([\w-]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];

describe("console sign-in", () => {
  let fake: FakeWecom;
  let server: ServerProcess;
  let port: number;
  const today = dayjs().tz("Asia/Shanghai");

  beforeAll(async () => {
    fake = await startFakeWecom();
    port = await freePort();
    const env = {
      ...isolatedEnv(), WECOM_CORP_ID: APP.corpId, WECOM_AGENT_ID: APP.agentId, WECOM_SECRET: "secret",
      WECOM_TOKEN: SET_A.token, WECOM_AES_KEY: SET_A.aesKey, WECOM_API_BASE: fake.base, PUBLIC_URL: `https://duikou.example.cn/`,
    };
    const roster = join(mkdtempSync(join(tmpdir(), "duikou-")), "roster.csv");
    writeFileSync(roster, `支援单位,受援单位,受援单位联系人,联系人企业微信账号,姓名,联系电话,开始日期,结束日期,企业微信账号\n县医院,乡卫生院,王院长,WangYuanZhang,李医生,13900001111,${today.subtract(10, "day").format("YYYY-MM-DD")},${today.add(100, "day").format("YYYY-MM-DD")},LiYiSheng\n县医院,东乡卫生院,赵联络,ZhaoLianLuo,钱医生,13900002222,${today.subtract(10, "day").format("YYYY-MM-DD")},${today.add(100, "day").format("YYYY-MM-DD")},QianYiSheng\n`);
    expect((await runCli(["import", "--create", roster], { env })).code).toBe(0);
    server = await startServer(env, port);
  });
  afterAll(async () => {
    await server?.stop();
    await fake.close();
  });

  const get = (path: string, cookie?: string) => fetch(`${server.base}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

  it("signs a member in through WeCom's OAuth: redirect with a state, code exchanged at auth/getuserinfo, scope of the clinic contact", async () => {
    const start = await get("/console/wecom");
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get("location")!);
    expect(to.origin + to.pathname).toBe("https://open.weixin.qq.com/connect/oauth2/authorize");
    expect(Object.fromEntries(to.searchParams)).toMatchObject({ appid: APP.corpId, redirect_uri: "https://duikou.example.cn/console/wecom/callback", response_type: "code", scope: "snsapi_base", agentid: APP.agentId });
    expect(to.hash).toBe("#wechat_redirect");
    const state = to.searchParams.get("state")!;
    const stateCookie = /duikou_oauth_state=(\w+)/.exec(start.headers.get("set-cookie")!)![0];
    fake.codes.set("CODE-WANG", "WangYuanZhang");
    const back = await get(`/console/wecom/callback?code=CODE-WANG&state=${state}`, stateCookie);
    expect([back.status, back.headers.get("location")]).toEqual([302, "/console/"]);
    const session = cookieOf(back)!;
    const me = await (await get("/api/me", `duikou_session=${session}`)).json();
    expect(me).toMatchObject({ name: "王院长", role: "clinic_contact", organization: "乡卫生院", admin: false });
    const postings = await (await get("/api/postings", `duikou_session=${session}`)).json();
    expect(postings.items.map((p: { person: { name: string } }) => p.person.name)).toEqual(["李医生"]);
  });

  it("refuses a callback whose state is not the browser's, before calling WeCom; a used code; and a non-member", async () => {
    const start = await get("/console/wecom");
    const stateCookie = /duikou_oauth_state=(\w+)/.exec(start.headers.get("set-cookie")!)![0];
    fake.codes.set("CODE-FORGED", "WangYuanZhang");
    const forged = await get("/console/wecom/callback?code=CODE-FORGED&state=abcdef0123456789abcdef0123456789", stateCookie);
    expect(forged.headers.get("location")).toBe("/console/?signin=failed");
    expect(fake.codes.has("CODE-FORGED")).toBe(true); // never exchanged
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const used = await get(`/console/wecom/callback?code=CODE-WANG&state=${state}`, stateCookie);
    expect([used.headers.get("location"), cookieOf(used)]).toEqual(["/console/?signin=failed", undefined]);
    fake.codes.set("CODE-OUTSIDER", { openid: "oOutsider" });
    const outsider = await get(`/console/wecom/callback?code=CODE-OUTSIDER&state=${state}`, stateCookie);
    expect(outsider.headers.get("location")).toBe("/console/?signin=unknown");
    expect(cookieOf(outsider)).toBeUndefined();
  });

  it("answers 后台 sent over WeCom with a one-time link that signs the sender in once, until sign-out", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cb = buildCallback(APP, textXml({ corpId: APP.corpId, from: "ZhaoLianLuo", content: "后台", msgId: "8100000000000000001", agentId: APP.agentId, createTime: now }), now);
    expect((await fetch(`${server.base}/wecom/callback?${cb.query}`, { method: "POST", body: cb.body })).status).toBe(200);
    expect(await waitFor(() => fake.sent.some((s) => s.touser === "ZhaoLianLuo"))).toBe(true);
    const text = fake.sent.find((s) => s.touser === "ZhaoLianLuo")!.text!.content;
    const link = new URL(/(https:\/\/\S+)/.exec(text)![1]);
    expect(link.origin + link.pathname).toBe("https://duikou.example.cn/console/login");
    // Opening the link only shows the 登录 button; pressing it (a POST of the token) signs in, once.
    expect([(await get(link.pathname + link.search)).status, cookieOf(await get(link.pathname + link.search))]).toEqual([200, undefined]);
    const press = () => fetch(`${server.base}/console/login`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `t=${link.searchParams.get("t")}` });
    // A browser posting from another site, or from a sandboxed or opaque origin (Origin: null), signs nobody in.
    for (const origin of ["null", "https://evil.example"]) {
      const forged = await fetch(`${server.base}/console/login`, { method: "POST", redirect: "manual", headers: { origin, "content-type": "application/x-www-form-urlencoded" }, body: `t=${link.searchParams.get("t")}` });
      expect([forged.status, cookieOf(forged)]).toEqual([403, undefined]);
    }
    const first = await press();
    expect([first.status, first.headers.get("location")]).toEqual([303, "/console/"]);
    // PUBLIC_URL is https: the cookie is Secure though this hop (the proxy's to us) is plain HTTP.
    expect(first.headers.get("set-cookie")).toMatch(/duikou_session=[\w-]+;.*\bsecure\b/i);
    const cookie = `duikou_session=${cookieOf(first)}`;
    expect((await (await get("/api/me", cookie)).json()).name).toBe("赵联络");
    const again = await press();
    expect([again.headers.get("location"), cookieOf(again)]).toEqual(["/console/?signin=expired", undefined]);
    const { csrf } = await (await get("/api/me", cookie)).json();
    const noToken = await fetch(`${server.base}/console/logout`, { method: "POST", headers: { cookie } });
    expect(noToken.status).toBe(403);
    const out = await fetch(`${server.base}/console/logout`, { method: "POST", headers: { cookie, "x-csrf-token": csrf } });
    expect(out.status).toBe(204);
    expect((await get("/api/me", cookie)).status).toBe(401);
  });
});
