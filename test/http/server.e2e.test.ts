// The real server process: starts on the configured backend, answers probes, stops cleanly on SIGTERM.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedEnv, startServer, type ServerProcess } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";

describe("server process", () => {
  let server: ServerProcess;
  beforeAll(async () => void (server = await startServer({ ...isolatedEnv(), HTTP_HEADERS_TIMEOUT_MS: "1000" }, await freePort())));
  afterAll(async () => void (server.child.exitCode === null && (await server.stop("SIGKILL"))));

  it("answers /healthz and /readyz", async () => {
    expect(await (await fetch(`${server.base}/healthz`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
  });

  it("leads its own address to the console", async () => {
    const res = await fetch(`${server.base}/`, { redirect: "manual" });
    expect([res.status, res.headers.get("location")]).toEqual([302, "/console/"]);
  });

  it("says at start-up which channels are off", () => {
    expect(server.output()).toContain("WeCom channel off");
    expect(server.output()).toContain("DingTalk channel off");
  });

  it("closes a connection whose headers do not arrive in time (a slow client holds nothing open)", async () => {
    const socket = connect(Number(new URL(server.base).port), "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => (answer += d));
    socket.write("POST /wecom/callback HTTP/1.1\r\nHost: duikou\r\n");
    await new Promise((resolve) => socket.on("close", resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("shuts down gracefully on SIGTERM", async () => {
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.output()).toContain("shutting down");
  });

  it("refuses to start with bad configuration, naming each problem", async () => {
    const env = { ...isolatedEnv(), TZ_NAME: "Mars/Base", WECOM_TOKEN: "x" };
    const error = await startServer(env, await freePort()).catch((e: Error) => e);
    expect(String(error)).toContain("Configuration is invalid");
    expect(String(error)).toContain("TZ_NAME: unknown time zone");
    expect(String(error)).toContain("WECOM_TOKEN: 3-32 letters or digits");
  });
});
