// A small fake WeCom API on loopback for end-to-end tests of the real server process.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeWecom = { base: string; sent: { touser: string; agentid: number; msgtype: string; text?: { content: string } }[]; tokens: number; close(): Promise<void> };

export async function startFakeWecom(): Promise<FakeWecom> {
  const fake = { sent: [] as FakeWecom["sent"], tokens: 0 };
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
        fake.sent.push(JSON.parse(body));
        return res.end(JSON.stringify({ errcode: 0, errmsg: "ok", msgid: String(fake.sent.length) }));
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ errcode: 404, errmsg: "not found" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get sent() { return fake.sent; },
    get tokens() { return fake.tokens; },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
