// Issue 28's "found wrong", each pinned by a test that failed before its fix.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowanceFor } from "../../src/domain/allowance.js";
import { parseProgrammeRules, type ProgrammeRules } from "../../src/domain/programme.js";
import { applyProgramme } from "../../src/services/programme/apply-programme.js";
import { findDigestLeaders } from "../../src/services/people/find-digest-leaders.js";
import { buildDigest } from "../../src/schedule/jobs/digest.js";
import { apiEndpoints } from "../../src/api/routes.js";
import { EVERYTHING } from "../../src/services/where.js";
import { logVisit, visitOf } from "../../src/services/oversight/log-visit.js";
import { findVisitDuties } from "../../src/services/oversight/find-visit-duties.js";
import { findRunningPostings } from "../../src/services/postings/find-running-postings.js";
import { meetingJob, visitJob } from "../../src/schedule/jobs/meetings.js";
import { runJob } from "../../src/schedule/registry.js";
import { scheduleDeps } from "../helpers/schedule.js";
import { backendName, openTestDatabase, openTestStore, resetDatabase } from "../helpers/backends.js";
import { importCsv } from "../helpers/fixtures.js";

const preset = (file: string): ProgrammeRules => {
  const parsed = parseProgrammeRules(JSON.parse(readFileSync(new URL(`../../templates/programmes/${file}`, import.meta.url), "utf8")));
  if ("problems" in parsed) throw new Error(parsed.problems.join("\n"));
  return parsed.rules;
};

describe("盐池's allowance (派驻本县域内乡镇卫生院人员每人每年1.5万元)", () => {
  const rules = preset("yanchi-2023.json");
  const q3 = (clinic: string) => allowanceFor(rules, { clinic, start: "2023-06-01", end: "2024-05-31" }, "2023-07-01", "2023-09-30");

  it("is paid for township clinics, not for the county hospitals the programme also supports, nor community centres", () => {
    expect(q3("花马池镇中心卫生院")).toBe(Math.round((15000 * 92) / 365));
    expect(q3("王乐井乡卫生院")).toBeGreaterThan(0);
    expect(q3("盐池县人民医院")).toBe(0);
    expect(q3("盐池县中医医院")).toBe(0);
    expect(q3("城关社区卫生服务中心")).toBe(0);
  });
});

describe(`found wrong, on records, reminders and the console (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(async () => db.close());

  /** A fresh database with a preset applied and a roster of `rows` imported into it. */
  async function start(file: string, rows: string[], header = "支援单位,受援单位,姓名,开始日期,结束日期"): Promise<void> {
    await resetDatabase(db);
    const rules = preset(file);
    await applyProgramme(db.client, rules, "test");
    await importCsv(db, [header, ...rows].join("\n"), { programme: rules.name });
  }

  it("names no quarterly meeting overdue for a programme whose document asks for none (科左中旗)", async () => {
    await start("keyouzhong-2023.json", ["科尔沁左翼中旗人民医院,巴彦召卫生院,何圆圆,2023-03-01,2023-12-31"]);
    const hospital = await db.client.organization.findUniqueOrThrow({ where: { name: "科尔沁左翼中旗人民医院" } });
    await db.client.person.create({ data: { name: "院长", organizationId: hospital.id, role: "leader" } });
    const [leader] = await findDigestLeaders(db.client, "2023-06-19");
    const digest = await buildDigest(db.client, leader, "2023-06-19", "Asia/Shanghai");
    expect(digest).toBeDefined();
    expect(JSON.stringify(digest)).not.toContain("本季度会议");
  });

  it("calls an arrival overdue on the console when the escalation job does: after the programme's deadline, in working days otherwise", async () => {
    await start("yubei-2021.json", ["渝北区中医院,云阳县江口镇中心卫生院,张灵,2021-05-01,2021-10-31"]);
    const overview = async (now: string) => {
      const deps = { db: db.client, tz: "Asia/Shanghai", now: () => new Date(`${now}T10:00:00+08:00`), arrivalDeadlineDays: 3 };
      const handler = apiEndpoints(deps).find((e) => e.method === "get" && e.path === "/overview")!.handler;
      const body = (await handler({ query: { days: 7 }, caller: { actor: "admin", admin: true, scope: EVERYTHING }, params: {}, body: undefined } as never)) as { pendingArrivals: { overdue: boolean }[] };
      return body.pendingArrivals.map((p) => p.overdue);
    };
    // 渝北's document: all at their posts by 05-01; the escalation goes out on 05-06 (after 劳动节), and
    // from 05-02 the arrival is past the document's date.
    expect(await overview("2021-05-01")).toEqual([false]);
    expect(await overview("2021-05-03")).toEqual([true]);
  });

  it("counts the console's 待督导 by the programme's minimums over its cycle, as the visit reminder does, not by calendar quarter", async () => {
    await start("yubei-2021.json", ["渝北区中医院,云阳县江口镇中心卫生院,张灵,2021-05-01,2021-10-31"]);
    const clinic = await db.client.organization.findUniqueOrThrow({ where: { name: "云阳县江口镇中心卫生院" } });
    const hospital = await db.client.organization.findUniqueOrThrow({ where: { name: "渝北区中医院" } });
    // The bureau's first of its two, the hospital leader's one, a department head's one: one duty is left.
    for (const [visitorKind, supportingOrgId] of [["bureau", null], ["hospital_leader", hospital.id], ["dept_head", hospital.id]] as const) {
      await db.client.supervisionVisit.create({ data: { recipientOrgId: clinic.id, visitedOn: new Date("2021-06-10T00:00:00Z"), visitorKind, supportingOrgId } });
    }
    const deps = { db: db.client, tz: "Asia/Shanghai", now: () => new Date("2021-06-20T10:00:00+08:00"), arrivalDeadlineDays: 3 };
    const handler = apiEndpoints(deps).find((e) => e.method === "get" && e.path === "/overview")!.handler;
    const body = (await handler({ query: { days: 7 }, caller: { actor: "admin", admin: true, scope: EVERYTHING }, params: {}, body: undefined } as never)) as { visitsDue: string[]; visitDuties: unknown[] };
    expect(body.visitsDue).toEqual(["云阳县江口镇中心卫生院"]);
    expect(body.visitDuties).toEqual([{ clinic: "云阳县江口镇中心卫生院", visitor: "bureau", org: null, done: 1, minimum: 2, from: "2021-05-01", to: "2021-10-31" }]);
  });

  it("lets a department head's visit clear only their own department's duty at the clinic (对相应科室进行调研、督导)", async () => {
    await start("yubei-2021.json", ["渝北区中医院,云阳县江口镇中心卫生院,张灵,妇产科,2021-05-01,2021-10-31", "渝北区中医院,云阳县江口镇中心卫生院,黄程,针灸科,2021-05-01,2021-10-31"], "支援单位,受援单位,姓名,科室,开始日期,结束日期");
    const clinic = await db.client.organization.findUniqueOrThrow({ where: { name: "云阳县江口镇中心卫生院" } });
    const hospital = await db.client.organization.findUniqueOrThrow({ where: { name: "渝北区中医院" } });
    const head = await db.client.person.create({ data: { name: "李主任", organizationId: hospital.id, role: "leader", department: "针灸科" } });
    await logVisit(db.client, { ...visitOf({ id: head.id, name: head.name, department: "针灸科", organization: { id: hospital.id, kind: "supporting" } }), clinic, visitedOn: "2021-06-10", report: "" });
    const duties = await findVisitDuties(db.client, await findRunningPostings(db.client, { from: "2021-06-20" }), "2021-06-20");
    expect(duties.filter((d) => d.kind === "dept_head").map((d) => [d.department, d.done]).sort()).toEqual([["妇产科", 0], ["针灸科", 1]]);
  });

  it("asks 渝北's hospitals for their last quarter's meeting (October) before the cycle ends on 10-31", async () => {
    await start("yubei-2021.json", ["渝北区中医院,云阳县江口镇中心卫生院,张灵,2021-05-01,2021-10-31"]);
    const hospital = await db.client.organization.findUniqueOrThrow({ where: { name: "渝北区中医院" } });
    await db.client.person.create({ data: { name: "王院长", organizationId: hospital.id, role: "leader" } });
    const store = openTestStore();
    const due = async (day: string) => (await runJob(scheduleDeps(db, store), meetingJob, new Date(`${day}T09:00:00+08:00`), { dryRun: true })).emitted.map((e) => e.recipient);
    expect(await due("2021-10-08")).toEqual([]);
    expect(await due("2021-10-11")).toEqual(["王院长"]);
    await store.close();
  });

  it("counts 中站's 督查考核 per supporting hospital (监督支援医院), met by a visit to any clinic it serves, not once per clinic", async () => {
    await start("zhongzhan.json", ["中站区人民医院,朱村社区卫生服务中心,甲医生,2022-01-01,2022-12-31", "中站区人民医院,府城社区卫生服务中心,乙医生,2022-01-01,2022-12-31"]);
    const bureau = await db.client.organization.create({ data: { name: "中站区卫生健康委员会", kind: "authority" } });
    await db.client.person.create({ data: { name: "区卫健委", organizationId: bureau.id, role: "leader" } });
    const store = openTestStore();
    const due = async () => (await runJob(scheduleDeps(db, store), visitJob, new Date("2022-12-05T09:00:00+08:00"), { dryRun: true })).emitted.filter((e) => e.subject.includes(":bureau:"));
    const before = await due();
    expect(before.map((e) => e.subject)).toEqual([expect.stringMatching(/^hospital:\d+:bureau:min:1:person:\d+$/)]);
    const clinic = await db.client.organization.findUniqueOrThrow({ where: { name: "朱村社区卫生服务中心" } });
    await db.client.supervisionVisit.create({ data: { recipientOrgId: clinic.id, visitedOn: new Date("2022-11-20T00:00:00Z"), visitorKind: "bureau" } });
    expect(await due()).toEqual([]);
    await store.close();
  });
});
