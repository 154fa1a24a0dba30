// The deployment recipe as shipped: Debian's nginx with deploy/nginx/duikou.conf (its names, ports and
// certificate paths replaced for loopback) terminating TLS with a self-signed certificate in front of the
// real server (TRUST_PROXY=on, PUBLIC_URL https); a console sign-in through it gets a Secure cookie and
// the server logs the client's address nginx saw. And the systemd unit passes systemd-analyze verify.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedEnv, ROOT, runCli, startServer, type ServerProcess } from "../helpers/processes.js";
import { freePorts } from "../helpers/ports.js";
import { waitFor } from "../helpers/wait.js";

const NGINX = "/usr/sbin/nginx";
const hasNginx = existsSync(NGINX) && spawnSync("openssl", ["version"]).status === 0;
if (!hasNginx) console.warn("SKIPPED: the TLS front's test needs Debian's nginx and openssl (apt-get install nginx)");

/** An HTTPS request to nginx on loopback, trusting the test's own certificate, for the site's name. */
function https(port: number, ca: string, path: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: o.method ?? "GET", servername: "duikou.example.cn", ca, headers: { host: "duikou.example.cn", ...o.headers } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

/** deploy/nginx/duikou.conf for this test: its own ports, certificate and upstream; nothing else changed. */
function siteFor(o: { httpsPort: number; httpPort: number; upstream: number; dir: string }): string {
  return readFileSync(join(ROOT, "deploy/nginx/duikou.conf"), "utf8")
    .replace(/listen 443 ssl/g, `listen 127.0.0.1:${o.httpsPort} ssl`).replace(/listen \[::\]:443 ssl[^;]*;/g, "")
    .replace(/listen 80;/g, `listen 127.0.0.1:${o.httpPort};`).replace(/listen \[::\]:80;/g, "")
    .replace("/etc/ssl/duikou/fullchain.pem", join(o.dir, "cert.pem")).replace("/etc/ssl/duikou/privkey.pem", join(o.dir, "key.pem"))
    .replace("server 127.0.0.1:3000;", `server 127.0.0.1:${o.upstream};`);
}

describe.skipIf(!hasNginx)("behind nginx terminating TLS (deploy/nginx/duikou.conf)", () => {
  const dir = mkdtempSync(join(tmpdir(), "duikou-nginx-"));
  // Three ports in a row, free now: the upstream, then HTTPS (named by PUBLIC_URL), then HTTP.
  let upstream: number;
  let httpsPort: number;
  let httpPort: number;
  let ca: string;
  let nginx: ChildProcess;
  let server: ServerProcess;
  const env: Record<string, string> = { ...isolatedEnv(), TRUST_PROXY: "on" };

  beforeAll(async () => {
    upstream = await freePorts(3);
    httpsPort = upstream + 1;
    httpPort = upstream + 2;
    env.PUBLIC_URL = `https://duikou.example.cn:${httpsPort}`;
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=duikou.example.cn",
      "-addext", "subjectAltName=DNS:duikou.example.cn", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
    ca = readFileSync(join(dir, "cert.pem"), "utf8");
    mkdirSync(join(dir, "logs"));
    writeFileSync(join(dir, "nginx.conf"), [
      "worker_processes 1;", `pid ${join(dir, "nginx.pid")};`, `error_log ${join(dir, "logs/error.log")};`, "events {}",
      "http {", `access_log ${join(dir, "logs/access.log")};`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${join(dir, t)};`),
      `include ${join(dir, "duikou.conf")};`, "}",
    ].join("\n"));
    writeFileSync(join(dir, "duikou.conf"), siteFor({ httpsPort, httpPort, upstream, dir }));
    const check = spawnSync(NGINX, ["-t", "-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "logs/error.log")], { encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "logs/error.log"), "-g", "daemon off;"], { stdio: "ignore" });
    server = await startServer(env, upstream);
    await waitFor(async () => (await https(httpsPort, ca, "/healthz").catch(() => undefined))?.status === 200);
  });
  afterAll(async () => {
    nginx?.kill("SIGQUIT");
    await server?.stop();
  });

  it("sends plain HTTP to HTTPS", async () => {
    const res = await fetch(`http://127.0.0.1:${httpPort}/console/`, { redirect: "manual", headers: { host: "duikou.example.cn" } });
    expect([res.status, res.headers.get("location")]).toEqual([301, "https://duikou.example.cn/console/"]);
  });

  it("signs in to the console through it with a login link: a Secure cookie, and the session works", async () => {
    const link = await runCli(["login-link", "--as", "admin"], { env });
    const url = new URL(/https:\/\/\S+/.exec(link.stdout)![0]);
    expect(url.origin).toBe(env.PUBLIC_URL);
    const page = await https(httpsPort, ca, `${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    const signIn = await https(httpsPort, ca, "/console/login", {
      method: "POST", headers: { origin: env.PUBLIC_URL, "content-type": "application/x-www-form-urlencoded" }, body: `t=${url.searchParams.get("t")}`,
    });
    expect(signIn.status).toBe(303);
    const cookie = ([] as string[]).concat(signIn.headers["set-cookie"] ?? []).find((c) => c.startsWith("duikou_session="))!;
    expect(cookie).toMatch(/; secure/i);
    expect(cookie).toMatch(/; httponly/i);
    const me = await https(httpsPort, ca, "/api/me", { headers: { cookie: cookie.split(";")[0] } });
    expect([me.status, JSON.parse(me.body).admin]).toEqual([200, true]);
  });

  it("keeps /metrics to the inside and passes the client's address to the server's log", async () => {
    expect((await https(httpsPort, ca, "/metrics")).status).toBe(200); // from 127.0.0.1: allowed
    expect(readFileSync(join(ROOT, "deploy/nginx/duikou.conf"), "utf8")).toMatch(/location = \/metrics \{\s+allow 127\.0\.0\.1;\s+deny all;/);
    await https(httpsPort, ca, "/healthz", { headers: { "x-forwarded-for": "203.0.113.9" } });
    // nginx replaces what the client claimed with the address it saw.
    expect(await server.printed('"ip":"127.0.0.1"')).toBe(true);
    expect(server.output()).not.toContain("203.0.113.9");
  });
});

describe("the systemd unit (deploy/duikou.service)", () => {
  const analyze = spawnSync("systemd-analyze", ["--version"]).status === 0;
  it.skipIf(!analyze)("passes systemd-analyze verify, on this machine's paths", () => {
    const dir = mkdtempSync(join(tmpdir(), "duikou-unit-"));
    const unit = readFileSync(join(ROOT, "deploy/duikou.service"), "utf8")
      .replaceAll("/opt/duikou", ROOT.replace(/\/$/, "")).replace("/usr/bin/node", process.execPath)
      .replace("User=duikou", "User=root").replace("Group=duikou", "Group=root");
    writeFileSync(join(dir, "duikou.service"), unit);
    const run = spawnSync("systemd-analyze", ["verify", join(dir, "duikou.service")], { encoding: "utf8" });
    expect(run.stderr.split("\n").filter((l) => l && !/Documentation|is not a valid URL/.test(l)).join("\n")).toBe("");
    expect(run.status).toBe(0);
  });
});
