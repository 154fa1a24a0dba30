// Filings as obligations (issue 29): every report or filing a programme's document sets is an entry with
// a due date and a state (due, filed, overdue), read and marked 已报送 through the API; reminded a week
// before, and escalated every Monday once overdue until it is marked.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseProgrammeRules } from "../../src/domain/programme.js";
import { applyProgramme } from "../../src/services/programme/apply-programme.js";
import { apiEndpoints } from "../../src/api/routes.js";
import { EVERYTHING } from "../../src/services/where.js";
import { filingOverdueJob, reportJob } from "../../src/schedule/jobs/reports.js";
import { runJob } from "../../src/schedule/registry.js";
import { backendName, openTestDatabase, openTestStore } from "../helpers/backends.js";
import { importSeed } from "../helpers/fixtures.js";
import { scheduleDeps } from "../helpers/schedule.js";

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

describe(`filings (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  beforeAll(async () => {
    db = await openTestDatabase();
    const parsed = parseProgrammeRules(JSON.parse(readFileSync(new URL("../../templates/programmes/yubei-2021.json", import.meta.url), "utf8")));
    if ("problems" in parsed) throw new Error(parsed.problems.join("\n"));
    await applyProgramme(db.client, parsed.rules, "test");
    await importSeed(db, "yubei-2021-postings", { programme: "渝北2021", create: false });
    const bureau = await db.client.organization.create({ data: { name: "渝北区卫生健康委员会", kind: "authority" } });
    await db.client.person.create({ data: { name: "聂娟", organizationId: bureau.id, role: "admin" } });
  });
  afterAll(async () => (await store.close(), await db.close()));

  const api = (day: string) => {
    const endpoints = apiEndpoints({ db: db.client, tz: "Asia/Shanghai", now: () => at(day) });
    const call = (method: string, path: string, o: { query?: unknown; params?: unknown; body?: unknown }) =>
      endpoints.find((e) => e.method === method && e.path === path)!.handler({ caller: { actor: "admin", admin: true, scope: EVERYTHING }, query: {}, params: {}, body: undefined, ...o } as never);
    return {
      list: async () => (await call("get", "/filings", { query: { programme: "渝北2021" } })) as { items: { id: number; title: string; dueOn: string; state: string; note: string | null }[] },
      filed: (id: number, note: string) => call("post", "/filings/:id/filed", { params: { id: String(id) }, body: { note } }),
    };
  };
  const agreement = async (day: string) => (await api(day).list()).items.find((f) => f.title === "签订对口支援协议")!;
  const kinds = async (job: typeof reportJob, day: string) => (await runJob(scheduleDeps(db, store), job, at(day), { dryRun: true })).emitted;

  it("lists the document's filings with their due dates, due before the date and overdue after it", async () => {
    const before = await api("2021-04-26").list();
    expect(before.items.map((f) => [f.title, f.dueOn, f.state])).toEqual([
      ["签订对口支援协议", "2021-05-01", "due"],
      ["考核鉴定表与工作量统计报告表交区卫健委医政科", "2021-10-31", "due"],
    ]);
    expect((await agreement("2021-05-03")).state).toBe("overdue");
  });

  it("reminds a week before, then escalates every Monday while overdue, and stops once it is marked 已报送", async () => {
    expect((await kinds(reportJob, "2021-04-26")).map((e) => e.kind)).toContain("report_due");
    const monday = await runJob(scheduleDeps(db, store), filingOverdueJob, at("2021-05-03"));
    expect(monday.emitted.map((e) => [e.kind, e.recipient])).toEqual([["filing_overdue", "聂娟"]]);
    const next = await runJob(scheduleDeps(db, store), filingOverdueJob, at("2021-05-10"));
    expect(next.emitted).toHaveLength(1);
    const { id } = await agreement("2021-05-11");
    expect(await api("2021-05-11").filed(id, "协议已签订，报区卫健委")).toMatchObject({ id, state: "filed", note: "协议已签订，报区卫健委" });
    expect((await runJob(scheduleDeps(db, store), filingOverdueJob, at("2021-05-17"))).emitted).toEqual([]);
    await expect(api("2021-05-12").filed(id, "again")).rejects.toMatchObject({ status: 409 });
    expect((await agreement("2021-06-01")).state).toBe("filed");
    expect(await db.client.auditLog.count({ where: { action: "filing.filed", subject: `filing:${id}` } })).toBe(1);
  });
});
