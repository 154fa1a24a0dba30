// The ack path's batched writer and the processing worker, on the real database: every message stored
// once however many copies arrive together; the worker takes each stored message exactly once across
// instances, never more at a time than its limit, a sender's messages in the order they came, a
// message whose claim lapsed (its instance died) again, and nothing while acknowledgements flood in.
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../helpers/wait.js";
import type { BotDeps } from "../../src/bot/context.js";
import type { ChannelAdapter } from "../../src/channels/answer.js";
import { startInboundWorker } from "../../src/channels/worker.js";
import type { InboundWorker } from "../../src/channels/deps.js";
import { createInboundWriter, FLOOD_PER_S } from "../../src/services/inbound/create-inbound-writer.js";
import type { InboundMessage } from "../../src/domain/message.js";
import { backendName, openSecondInstance, openTestDatabase, openTestStore, resetDatabase } from "../helpers/backends.js";

const message = (msgId: string, senderId: string, text = "讲座+1"): InboundMessage =>
  ({ platform: "wecom", msgId, senderId, text, payload: { msgId, senderId, text }, receivedAt: new Date() });

describe(`inbound writer and worker (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  const workers: InboundWorker[] = [];
  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(async () => (await store.close(), await db.close()));
  beforeEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await resetDatabase(db);
  });

  /** A channel that records what it answers, holds each until `release`, and marks it done. */
  function recordingChannel(prisma = db.client) {
    const finished: { id: number; sender: string; text: string }[] = [];
    let running = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const channel: ChannelAdapter = {
      platform: "wecom",
      decode: (payload, receivedAt) => ({ ...(payload as { msgId: string; senderId: string; text: string }), platform: "wecom", receivedAt }),
      async answer(msg, stored) {
        most = Math.max(most, ++running);
        await new Promise<void>((r) => gates.push(r));
        finished.push({ id: stored.id, sender: msg.senderId, text: msg.text });
        await prisma.inboundMessage.update({ where: { id: stored.id }, data: { outcome: "recorded", processedAt: new Date() } });
        running--;
      },
    };
    return { channel, finished, most: () => most, release: () => gates.splice(0).forEach((g) => g()), waiting: () => gates.length };
  }
  const bot = (client = db.client): BotDeps => ({ db: client, store, log: pino({ level: "silent" }), tz: "Asia/Shanghai", now: () => new Date(), dailyLimits: {} });

  it("stores copies that arrive together once, and hundreds of messages in few statements", async () => {
    const writer = createInboundWriter(db.ack);
    const copies = await Promise.all([1, 2, 3, 4].map(() => writer.store(message("same", "u1"))));
    expect(new Set(copies.map((c) => c.id)).size).toBe(1);
    expect(copies.filter((c) => !c.duplicate)).toHaveLength(1);
    const many = await Promise.all(Array.from({ length: 600 }, (_, i) => writer.store(message(`m${i}`, `u${i % 7}`))));
    expect(new Set(many.map((m) => m.id)).size).toBe(600);
    expect(many.every((m) => !m.duplicate && m.outcome === "received")).toBe(true);
    expect(await db.client.inboundMessage.count()).toBe(601);
    const again = await writer.store(message("m5", "u5"));
    expect(again).toMatchObject({ id: many[5].id, duplicate: true });
  });

  it("calls it a flood above FLOOD_PER_S acknowledgements a second, and over a second after they ease", async () => {
    let now = 0;
    const writer = createInboundWriter(db.ack, { clock: () => now });
    const half = FLOOD_PER_S / 2;
    await Promise.all(Array.from({ length: half }, (_, i) => writer.store(message(`f${i}`, `u${i % 9}`))));
    expect(writer.flooded()).toBe(false); // exactly the rate: not yet
    await writer.store(message("one-more", "u1"));
    expect(writer.flooded()).toBe(true);
    now = 600; // the next half second, quiet: the last one still counts
    expect(writer.flooded()).toBe(true);
    now = 1_200;
    expect(writer.flooded()).toBe(false);
  });

  it("starts nothing while acknowledgements flood in, gives back what it took, and processes it all after", async () => {
    const writer = createInboundWriter(db.ack);
    for (let i = 0; i < 6; i++) await writer.store(message(`w${i}`, `doctor${i}`));
    let flooding = false;
    let looks = 0;
    const floodable = { ...writer, flooded: () => (looks++, flooding) };
    const rec = recordingChannel();
    workers.push(startInboundWorker({ ...bot(), writer: floodable }, [rec.channel], { concurrency: 2, pollMs: 20 }));
    expect(await waitFor(() => rec.waiting() > 0)).toBe(true);
    flooding = true;
    const pollsAfter = async (n: number) => {
      const from = looks;
      return waitFor(() => looks >= from + n);
    };
    expect(await pollsAfter(3)).toBe(true);
    const claimed = () => db.client.inboundMessage.count({ where: { outcome: "received", claimedUntil: { gt: new Date() } } });
    expect(await claimed()).toBe(rec.waiting()); // what it had taken ahead is given back; only the running ones are held
    const running = rec.waiting();
    rec.release();
    expect(await waitFor(() => rec.finished.length === running)).toBe(true);
    expect(await pollsAfter(3)).toBe(true);
    expect(rec.waiting()).toBe(0); // the flood goes on: nothing new started
    flooding = false;
    while (rec.finished.length < 6) {
      await waitFor(() => rec.waiting() > 0 || rec.finished.length === 6);
      rec.release();
    }
    expect(new Set(rec.finished.map((f) => f.id)).size).toBe(6);
  });

  it("processes at most its limit at once, and a sender's messages in the order they came", async () => {
    const writer = createInboundWriter(db.ack);
    for (let i = 0; i < 6; i++) await writer.store(message(`a${i}`, "doctorA", `A${i}`));
    for (let i = 0; i < 6; i++) await writer.store(message(`b${i}`, "doctorB", `B${i}`));
    for (let i = 0; i < 6; i++) await writer.store(message(`c${i}`, "doctor" + i, `C${i}`));
    const rec = recordingChannel();
    workers.push(startInboundWorker(bot(), [rec.channel], { concurrency: 3, pollMs: 20 }));
    while (rec.finished.length < 18) {
      expect(await waitFor(() => rec.waiting() > 0)).toBe(true);
      rec.release();
      await waitFor(async () => rec.waiting() > 0 || rec.finished.length === 18);
    }
    expect(rec.most()).toBeLessThanOrEqual(3);
    expect(rec.finished.filter((f) => f.sender === "doctorA").map((f) => f.text)).toEqual(["A0", "A1", "A2", "A3", "A4", "A5"]);
    expect(rec.finished.filter((f) => f.sender === "doctorB").map((f) => f.text)).toEqual(["B0", "B1", "B2", "B3", "B4", "B5"]);
    expect(new Set(rec.finished.map((f) => f.id)).size).toBe(18);
  });

  it("takes each message once across two instances", async () => {
    const second = openSecondInstance(db, store);
    try {
      const writer = createInboundWriter(db.ack);
      await Promise.all(Array.from({ length: 40 }, (_, i) => writer.store(message(`x${i}`, `s${i % 10}`))));
      const one = recordingChannel();
      const two = recordingChannel(second.db.client);
      workers.push(startInboundWorker(bot(), [one.channel], { concurrency: 4, pollMs: 20 }));
      workers.push(startInboundWorker(bot(second.db.client), [two.channel], { concurrency: 4, pollMs: 20 }));
      const done = () => one.finished.length + two.finished.length === 40;
      while (!done()) {
        await waitFor(() => one.waiting() + two.waiting() > 0 || done());
        one.release();
        two.release();
      }
      const ids = [...one.finished, ...two.finished].map((f) => f.id);
      expect(new Set(ids).size).toBe(40);
      await Promise.all(workers.splice(0).map((w) => w.stop()));
    } finally {
      await second.close();
    }
  });

  it("takes again a message whose instance died holding it, once its claim has lapsed", async () => {
    const writer = createInboundWriter(db.ack);
    const stored = await writer.store(message("orphan", "u9"));
    // An instance claimed it and died: the claim runs out and nobody finished it.
    await db.client.inboundMessage.update({ where: { id: stored.id }, data: { claimedUntil: new Date(Date.now() + 300) } });
    const rec = recordingChannel();
    workers.push(startInboundWorker(bot(), [rec.channel], { concurrency: 2, pollMs: 20 }));
    expect(await waitFor(() => rec.waiting() > 0)).toBe(true);
    rec.release();
    expect(await waitFor(() => rec.finished.length === 1)).toBe(true);
    expect(rec.finished[0].id).toBe(stored.id);
  });
});
