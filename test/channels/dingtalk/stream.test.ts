// The Stream client against the fake gateway in process: what it does when the gateway asks it to leave
// a connection, and when a connection stops delivering while its socket still answers pongs.
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { liveness, startStream, TOPIC_ROBOT, type StreamClient } from "../../../src/channels/dingtalk/stream.js";
import { startFakeDingtalk, type FakeDingtalk } from "../../helpers/fake-dingtalk.js";
import { waitFor } from "../../helpers/wait.js";

const APP = { clientId: "stream-key", clientSecret: "stream-secret" };

describe("DingTalk Stream client", () => {
  let fake: FakeDingtalk;
  let client: StreamClient;
  const lines: string[] = [];
  const received: unknown[] = [];
  afterEach(async () => {
    await client?.stop();
    await fake?.close();
    lines.length = 0;
    received.length = 0;
  });

  async function connect(o: { pingMs: number; watchdogMs: number }) {
    fake = await startFakeDingtalk({ ...APP, pingMs: o.pingMs });
    client = startStream({
      base: fake.base, ...APP, watchdogMs: o.watchdogMs, log: pino({ level: "debug" }, { write: (l: string) => void lines.push(l) }),
      onCallback: async (_topic, data) => void received.push(data),
    });
    expect(await waitFor(() => fake.connected())).toBe(true);
  }

  it("opens the new connection before the old one closes when the gateway asks, and takes what comes on it", async () => {
    await connect({ pingMs: 200, watchdogMs: 5000 });
    fake.disconnect();
    expect(await waitFor(() => fake.opens === 2 && fake.connected())).toBe(true);
    expect(fake.overlapped).toBe(true);
    fake.push(TOPIC_ROBOT, { msgId: "after" });
    expect(await waitFor(() => received.length === 1)).toBe(true);
  });

  it("replaces a connection that answers pongs but has stopped carrying the gateway's pings", async () => {
    await connect({ pingMs: 200, watchdogMs: 1500 });
    await waitFor(() => fake.pings >= 3); // the client has learnt the gateway's interval
    fake.zombie();
    expect(await waitFor(() => fake.opens === 2 && fake.connected(), 10_000)).toBe(true);
    expect(lines.some((l) => l.includes("noFramesMs") && l.includes("replacing it"))).toBe(true);
  });

  it("learns the gateway's ping interval, and judges a gateway that never pings by pongs alone", () => {
    const pinged = liveness(2000);
    const t = 1_000_000;
    for (const at of [t, t + 300, t + 600]) pinged.frame(at, true);
    pinged.pong(t + 2500);
    expect(pinged.dead(t + 2700)).toMatchObject({ noFramesMs: 2100 });
    const quiet = liveness(2000);
    quiet.frame(t);
    quiet.pong(t + 9000);
    expect(quiet.dead(t + 9500)).toBeUndefined();
    expect(quiet.dead(t + 11_500)).toMatchObject({ silentMs: 2500 });
  });
});
