// Nobody hears what is not theirs (issue 30): a reminder's bureau recipients are the bureaus the API's
// scope rule says govern the programme. 渝北2021 is 云阳县's; 科左中旗2026 has no region and its roster
// no clinic contact, so its overdue arrivals go to the admins with the reason, never to 云阳县's 陈科长.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runJob } from "../../src/schedule/registry.js";
import { arrivalJob } from "../../src/schedule/jobs/arrival.js";
import { backendName, openTestDatabase, openTestStore } from "../helpers/backends.js";
import { importSeed } from "../helpers/fixtures.js";
import { scheduleDeps } from "../helpers/schedule.js";

describe(`reminder recipients by scope (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();

  beforeAll(async () => {
    db = await openTestDatabase();
    await importSeed(db, "yubei-2021-postings", { programme: "渝北2021", start: "2023-06-01", end: "2023-12-31" });
    await importSeed(db, "keyouzhong-2023-pairings", { programme: "科左中旗2026", start: "2023-06-01", end: "2024-05-31" });
    await db.client.programme.update({ where: { name: "渝北2021" }, data: { region: "云阳县" } });
    // 渝北's roster carries its own 2021 dates: moved into 2023, beside 科左中旗's.
    await db.client.posting.updateMany({ where: { programme: { name: "渝北2021" } }, data: { startDate: new Date("2023-06-01T00:00:00Z"), endDate: new Date("2023-12-31T00:00:00Z") } });
    const bureau = await db.client.organization.create({ data: { name: "云阳县卫生健康委员会", kind: "authority", region: "云阳县" } });
    await db.client.person.create({ data: { name: "陈科长", role: "leader", organizationId: bureau.id } });
    await db.client.person.create({ data: { name: "赵管理员", role: "admin", organizationId: bureau.id } });
  });
  afterAll(async () => (await store.close(), await db.close()));

  it("tells the admins of a programme without a region, with the reason, and no region's bureau", async () => {
    // A Monday well past every start date: every planned posting is overdue.
    const run = await runJob(scheduleDeps(db, store), arrivalJob, new Date("2023-06-19T09:00:00+08:00"), { slot: "2023-06-19T09:00" });
    const keyouzhong = new Set((await db.client.posting.findMany({ where: { programme: { name: "科左中旗2026" } }, select: { id: true } })).map((p) => `posting:${p.id}:`));
    const overdue = run.emitted.filter((e) => e.kind === "arrival_overdue");
    const ofKeyouzhong = overdue.filter((e) => [...keyouzhong].some((s) => e.subject.startsWith(s)));
    expect(ofKeyouzhong.length).toBe(keyouzhong.size);
    expect(new Set(ofKeyouzhong.map((e) => e.recipient))).toEqual(new Set(["赵管理员"]));
    expect(ofKeyouzhong.filter((e) => !e.instead?.includes("科左中旗2026"))).toEqual([]);
    // 渝北's overdue arrivals still reach its own bureau.
    expect(overdue.filter((e) => ![...keyouzhong].some((s) => e.subject.startsWith(s))).map((e) => e.recipient)).toContain("陈科长");
  });
});
