// What the outbox does with each kind of failure the channels report: a permanent refusal is cancelled
// at once with its reason logged, a network failure or throttle is tried again later, a spent DingTalk
// quota waits for the month to turn; and a card that may have arrived is never followed by a text copy.
import nock from "nock";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PlatformError, type Failure } from "../../src/channels/http-core.js";
import { sendCardOrText } from "../../src/channels/wecom/send.js";
import { createWecomApi, type WecomSenders } from "../../src/channels/wecom/api.js";
import { createDeliver } from "../../src/channels/deliver.js";
import { createMemoryStore } from "../../src/infra/memory-store.js";
import { createWecomDelivery } from "../helpers/wecom-delivery.js";
import { sendDue, writeOutgoing } from "../../src/schedule/outbox.js";
import { parseQuietHours } from "../../src/schedule/calendar.js";
import { backendName, openTestDatabase, resetDatabase } from "../helpers/backends.js";

const NOW = new Date("2026-11-23T10:00:00+08:00");
const failing = (failure: Failure) => async (): Promise<"sent"> => { throw new PlatformError("wecom message/send", failure); };

describe(`outbox failures (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let person: { id: number; name: string };
  const lines: string[] = [];
  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(async () => db.close());
  beforeEach(async () => {
    await resetDatabase(db);
    const org = await db.client.organization.create({ data: { name: "县医院", kind: "supporting" } });
    person = await db.client.person.create({ data: { name: "李医生", organizationId: org.id, role: "doctor" } });
    lines.length = 0;
  });

  async function sendWith(deliver: () => Promise<"sent">) {
    const deps = { db: db.client, log: pino({ level: "info" }, { write: (l: string) => void lines.push(l) }), tz: "Asia/Shanghai", quiet: parseQuietHours("21:00-08:00"), deliver };
    await writeOutgoing(deps, [{ kind: "nudge", subject: "posting:1", period: "2026-11-23", to: person, message: { text: "提醒" } }], NOW);
    await sendDue(deps, NOW, {});
    return db.client.notification.findFirstOrThrow();
  }

  it("sends a reminder again after a timeout that had delivered it, and the member has it once (WeCom's duplicate check)", async () => {
    const API = "https://qyapi.outbox.test";
    const delivery = createWecomDelivery();
    const received: string[] = [];
    nock.disableNetConnect();
    nock(API).persist().get("/cgi-bin/gettoken").query(true).reply(200, { errcode: 0, access_token: "T", expires_in: 7200 });
    // The first send is delivered, but what comes back is not WeCom's answer (a proxy's error page: it may
    // have arrived, like a timeout); the second is answered.
    let calls = 0;
    nock(API).persist().post("/cgi-bin/message/send", (b) => (delivery.judge(b) === "delivered" && received.push(b.text.content), true)).query(true)
      .reply(() => (calls++ === 0 ? [200, "<html>504 Gateway Time-out</html>"] : [200, JSON.stringify({ errcode: 0 })]));
    await db.client.chatIdentity.create({ data: { platform: "wecom", externalUserId: "LiYiSheng", personId: person.id } });
    const log = pino({ level: "silent" });
    const api = createWecomApi({ base: API, corpId: "outbox-corp", secret: "s", agentId: 1000002, store: createMemoryStore(), log, sleep: async () => undefined });
    const deps = { db: db.client, log, tz: "Asia/Shanghai", quiet: parseQuietHours("21:00-08:00"), deliver: createDeliver({ db: db.client, log, wecom: api }) };
    try {
      await writeOutgoing(deps, [{ kind: "nudge", subject: "posting:1", period: "2026-11-23", to: person, message: { text: "本周还没有填报" } }], NOW);
      expect(await sendDue(deps, NOW, {})).toMatchObject({ failed: 1 });
      expect(await sendDue(deps, new Date(NOW.getTime() + 5 * 60_000), {})).toMatchObject({ sent: 1 });
      expect(calls).toBe(2);
      expect(received).toEqual(["本周还没有填报"]);
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
    }
  });

  it("cancels a permanent refusal at once, with the platform's code in the log", async () => {
    const row = await sendWith(failing({ kind: "refused", status: 200, code: "81013", message: "user invalid", retryable: false }));
    expect(row.cancelledAt).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(lines.some((l) => l.includes("refused 81013") && l.includes('"giveUp":true'))).toBe(true);
  });

  it("tries a network failure again in five minutes", async () => {
    const row = await sendWith(failing({ kind: "network", message: "timed out", mayHaveArrived: true }));
    expect(row).toMatchObject({ cancelledAt: null, claimedAt: null, sentAt: null });
    expect(row.dueAt.getTime() - NOW.getTime()).toBe(5 * 60_000);
  });

  it("holds a reminder until the month turns when DingTalk's monthly quota is spent, and tells the admins once", async () => {
    const org = await db.client.organization.create({ data: { name: "卫健委", kind: "authority" } });
    const admin = await db.client.person.create({ data: { name: "管理员", organizationId: org.id, role: "admin" } });
    const row = await sendWith(failing({ kind: "refused", status: 403, code: "Forbidden.AccessDenied.ApiCountLimitForOrg", message: "quota", retryable: false }));
    expect(row.cancelledAt).toBeNull();
    expect(row.dueAt.toISOString()).toBe("2026-11-30T16:00:00.000Z"); // 1 December, 00:00 in China
    const notices = await db.client.notification.findMany({ where: { kind: "platform_quota" } });
    expect(notices).toMatchObject([{ recipientPersonId: admin.id, period: "2026-12" }]);
    expect(JSON.stringify(notices[0].payload)).toContain("钉钉接口调用次数已用完");
  });
});

describe("a card that may have arrived", () => {
  const card = { type: "buttons", taskId: "nudge_1_abc", title: "提醒", desc: "", lines: [], buttons: [], fallback: "提醒的文字" } as never;
  const api = (failure: Failure, texts: string[]) => ({
    sendTemplateCard: async () => { throw new PlatformError("wecom message/send", failure); },
    sendText: async (_: string, text: string) => void texts.push(text),
  }) as unknown as WecomSenders;

  it("is not followed by a text copy after a timeout; the error goes back to the outbox", async () => {
    const texts: string[] = [];
    await expect(sendCardOrText(api({ kind: "network", message: "timed out", mayHaveArrived: true }, texts), pino({ level: "silent" }), "u1", card)).rejects.toBeInstanceOf(PlatformError);
    expect(texts).toEqual([]);
  });

  it("falls back to its text when the platform refused it", async () => {
    const texts: string[] = [];
    await sendCardOrText(api({ kind: "refused", status: 200, code: "40058", message: "bad card", retryable: false }, texts), pino({ level: "silent" }), "u1", card);
    expect(texts).toEqual(["提醒的文字"]);
  });
});
