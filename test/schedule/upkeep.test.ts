// The upkeep jobs: postings past their planned end become 已结束 (in the API as in the forms), and
// inbound messages older than RETENTION_DAYS are let go, the ledger and the audit log kept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runJob } from "../../src/schedule/registry.js";
import { endPostingsJob, retentionJob } from "../../src/schedule/jobs/upkeep.js";
import { backendName, openTestDatabase, openTestStore, resetDatabase } from "../helpers/backends.js";
import { importSeed } from "../helpers/fixtures.js";
import { scheduleDeps } from "../helpers/schedule.js";

describe(`upkeep jobs (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(async () => (await db.close(), await store.close()));
  beforeEach(async () => resetDatabase(db));

  it("ends the postings whose end date has passed, and only those, with an audit line", async () => {
    await importSeed(db, "yubei-2021-postings");
    const [running, ...rest] = await db.client.posting.findMany({ orderBy: { id: "asc" } });
    await db.client.posting.update({ where: { id: running.id }, data: { endDate: new Date("2027-06-30"), status: "arrived" } });
    await db.client.posting.update({ where: { id: rest[0].id }, data: { endDate: new Date("2026-12-01"), status: "arrived" } });
    const at = new Date("2026-12-02T00:30:00+08:00");
    await runJob(scheduleDeps(db, store), endPostingsJob, at);
    const after = new Map((await db.client.posting.findMany()).map((p) => [p.id, p.status]));
    expect(after.get(running.id)).toBe("arrived");
    for (const p of rest) expect([p.id, after.get(p.id)]).toEqual([p.id, "ended"]);
    expect(await db.client.auditLog.count({ where: { action: "posting.end_past" } })).toBe(1);
    await runJob(scheduleDeps(db, store), endPostingsJob, at); // nothing more to end: no second line
    expect(await db.client.auditLog.count({ where: { action: "posting.end_past" } })).toBe(1);
  });

  it("prunes old messages, keeps the text of those the ledger points to (without their payload), and keeps recent ones", async () => {
    await importSeed(db, "yubei-2021-postings");
    const posting = await db.client.posting.findFirstOrThrow();
    const now = new Date("2026-12-02T10:00:00+08:00");
    const old = new Date("2026-05-01T10:00:00+08:00");
    const make = (id: string, receivedAt: Date) => db.client.inboundMessage.create({ data: { platform: "wecom", externalMsgId: id, senderExternalId: "u", text: `讲座+1 ${id}`, payload: { FromUserName: "u" }, outcome: "recorded", receivedAt } });
    const [chatter, reported, recent] = [await make("old-chat", old), await make("old-report", old), await make("recent", now)];
    // Card copies: one past WeCom's 72 hours for updating it, one within them.
    const copy = (taskId: string, sentAt: Date) => db.client.cardCopy.create({ data: { taskId, kind: "arrival", subject: posting.id, platform: "wecom", externalUserId: "u", sentAt } });
    await copy("arr_1_000000000001", new Date(now.getTime() - 73 * 3600_000));
    await copy("arr_1_000000000002", new Date(now.getTime() - 71 * 3600_000));
    await db.client.workloadEntry.create({ data: { postingId: posting.id, personId: posting.personId, metric: "lectures", quantity: 1, occurredOn: old, source: "chat", inboundMessageId: reported.id, rawText: "讲座+1" } });
    await runJob(scheduleDeps(db, store), retentionJob, now);
    const left = await db.client.inboundMessage.findMany({ orderBy: { id: "asc" } });
    expect(left.map((m) => [m.id, m.text, m.payload])).toEqual([[reported.id, reported.text, null], [recent.id, recent.text, { FromUserName: "u" }]]);
    expect(left.some((m) => m.id === chatter.id)).toBe(false);
    expect(await db.client.workloadEntry.count()).toBe(1);
    expect((await db.client.cardCopy.findMany()).map((c) => c.taskId)).toEqual(["arr_1_000000000002"]);
  });
});
