// A small fake WeCom API on loopback for end-to-end tests of the real server process, answering as WeCom's
// documentation says: gettoken (doc 91039: {errcode 0, access_token, expires_in 7200}); message/send
// (doc 90236: 200 with an errcode, 40014 for a token it does not know); update_template_card (doc 94945:
// each response_code works once, 40029 after); auth/getuserinfo (doc 91023: a code issued by WeCom's
// sign-in redirect, single use, answers `userid` for a member and `openid` for a non-member; any other
// code, or one used before, 40029 "invalid code"). What message/send delivers follows ./wecom-delivery.ts
// (the duplicate check of doc 90236, the per-member limits of doc 90454): `sent` is what members received,
// `dropped` what WeCom accepted and swallowed. `hang` makes message/send take a request and never answer,
// a failure the documentation does not promise against; `refuse` answers the next sends with an errcode.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWecomDelivery, sendAnswer, type Verdict } from "./wecom-delivery.js";

export type FakeWecom = {
  base: string;
  /** `at` is performance.now() when the fake received the send (benchmarks measure callback → reply). */
  sent: { touser: string; agentid: number; msgtype: string; text?: { content: string }; template_card?: { task_id: string }; at: number }[];
  /** Accepted with errcode 0 and never delivered, and why. */
  dropped: { body: Record<string, unknown>; why: Verdict }[];
  updates: { userids: string[]; response_code: string; button?: { replace_name: string } }[];
  tokens: number;
  /** Errcodes the next message/send calls answer, one each (45009: frequency exceeded). */
  refuse: number[];
  /** Sign-in codes WeCom's redirect would issue: code → the member's userid, or { openid } for a non-member. */
  codes: Map<string, string | { openid: string }>;
  /** While true, message/send takes the request and never answers (a platform that hangs); `hung` counts them. */
  hang: boolean;
  hung: number;
  close(): Promise<void>;
};

export async function startFakeWecom(): Promise<FakeWecom> {
  const fake = {
    sent: [] as FakeWecom["sent"], dropped: [] as FakeWecom["dropped"], updates: [] as FakeWecom["updates"], refuse: [] as number[],
    tokens: 0, hang: false, hung: 0, codes: new Map() as FakeWecom["codes"],
  };
  const delivery = createWecomDelivery();
  const usedCodes = new Set<string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (url.pathname === "/cgi-bin/gettoken") {
        fake.tokens++;
        return res.end(JSON.stringify({ errcode: 0, errmsg: "ok", access_token: "FAKE-TOKEN", expires_in: 7200 }));
      }
      if (url.searchParams.get("access_token") !== "FAKE-TOKEN") return res.end(JSON.stringify({ errcode: 40014, errmsg: "invalid access_token" }));
      if (url.pathname === "/cgi-bin/message/send") {
        if (fake.hang) return void fake.hung++;
        const refusal = fake.refuse.shift();
        if (refusal !== undefined) return res.end(JSON.stringify({ errcode: refusal, errmsg: "refused by the test" }));
        const request = JSON.parse(body) as Record<string, unknown>;
        const verdict = delivery.judge(request);
        if (verdict === "delivered") fake.sent.push({ ...(request as object), at: performance.now() } as FakeWecom["sent"][number]);
        else fake.dropped.push({ body: request, why: verdict });
        return res.end(JSON.stringify(sendAnswer(request, fake.sent.length + fake.dropped.length)));
      }
      if (url.pathname === "/cgi-bin/auth/getuserinfo") {
        const code = url.searchParams.get("code") ?? "";
        const who = fake.codes.get(code);
        fake.codes.delete(code); // single use
        if (who === undefined) return res.end(JSON.stringify({ errcode: 40029, errmsg: "invalid code" }));
        return res.end(JSON.stringify(typeof who === "string" ? { errcode: 0, errmsg: "ok", userid: who } : { errcode: 0, errmsg: "ok", ...who }));
      }
      if (url.pathname === "/cgi-bin/message/update_template_card") {
        const update = JSON.parse(body) as FakeWecom["updates"][number];
        fake.updates.push(update);
        // Like WeCom: each response_code works once.
        if (usedCodes.has(update.response_code)) return res.end(JSON.stringify({ errcode: 40029, errmsg: "invalid response_code" }));
        usedCodes.add(update.response_code);
        return res.end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ errcode: 404, errmsg: "not found" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get sent() { return fake.sent; },
    get dropped() { return fake.dropped; },
    refuse: fake.refuse,
    get updates() { return fake.updates; },
    get tokens() { return fake.tokens; },
    codes: fake.codes,
    get hang() { return fake.hang; },
    set hang(value: boolean) { fake.hang = value; },
    get hung() { return fake.hung; },
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
