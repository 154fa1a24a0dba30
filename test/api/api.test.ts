import { readFileSync } from "node:fs";
// The admin API through real HTTP: tokens and scope (every boundary tried), writes audited, clear 400s,
// paging, the OpenAPI description, and the exports as downloads.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import ExcelJS from "exceljs";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.js";
import { createMetrics } from "../../src/http/metrics.js";
import { apiEndpoints, apiRoutes } from "../../src/api/routes.js";
import { openDatabase } from "../../src/infra/db.js";
import { dbDate } from "../../src/infra/time.js";
import { createApiToken } from "../../src/services/tokens/create-api-token.js";
import { revokeApiToken } from "../../src/services/tokens/revoke-api-token.js";
import { backendName, openTestDatabase } from "../helpers/backends.js";
import { importTwoRegions } from "../helpers/fixtures.js";

const ADMIN = "admin-token-for-tests-0123456789";
const NOW = new Date("2021-06-20T10:00:00+08:00");

describe(`admin API (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let server: Server;
  let base: string;
  const logs: string[] = [];
  const token: Record<string, string> = {};
  const posting: Record<string, number> = {};

  async function call(path: string, o: { as?: string; method?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = o.as ? { authorization: `Bearer ${o.as === "admin" ? ADMIN : token[o.as]}` } : {};
    if (o.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${base}/api${path}`, { method: o.method ?? (o.body !== undefined ? "POST" : "GET"), headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const type = res.headers.get("content-type") ?? "";
    const body = type.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body, headers: res.headers };
  }
  const names = (items: { person: { name: string } }[]) => items.map((p) => p.person.name).sort();

  beforeAll(async () => {
    db = await openTestDatabase();
    const bureau = await importTwoRegions(db);
    const org = (name: string) => db.client.organization.findUniqueOrThrow({ where: { name } });
    token.hospital = (await createApiToken(db.client, (await org("渝北区中医院")).id, "渝北区中医院")).token;
    token.otherHospital = (await createApiToken(db.client, (await org("科尔沁左翼中旗人民医院")).id, "科左中旗")).token;
    token.clinic = (await createApiToken(db.client, (await org("云阳县江口镇中心卫生院")).id, "江口镇")).token;
    token.bureau = (await createApiToken(db.client, bureau.id, "卫健委")).token;
    const revoked = await createApiToken(db.client, bureau.id, "old");
    token.revoked = revoked.token;
    await revokeApiToken(db.client, revoked.id);
    for (const p of await db.client.posting.findMany({ where: { programme: { name: "渝北2021" } }, include: { person: true } })) posting[p.person.name] = p.id;
    for (const [name, metric, quantity, day] of [["张灵", "rounds", 3, "2021-06-18"], ["张灵", "lectures", 1, "2021-06-19"], ["张灵", "rounds", 2, "2021-06-19"], ["黄程", "rounds", 4, "2021-06-01"], ["周玉", "rounds", 1, "2021-06-19"]] as const) {
      const p = await db.client.posting.findUniqueOrThrow({ where: { id: posting[name] } });
      await db.client.workloadEntry.create({ data: { postingId: p.id, personId: p.personId, metric, quantity, occurredOn: dbDate(day), source: "cli", rawText: "t" } });
    }
    await db.client.posting.updateMany({ where: { id: { in: [posting["张灵"], posting["周玉"]] } }, data: { status: "arrived", arrivedAt: new Date("2021-05-02T09:00:00+08:00") } });
    const log = pino({ level: "info" }, { write: (line: string) => void logs.push(line) });
    const app = createApp({ log, metrics: createMetrics(), probes: [], routers: [apiRoutes({ db: db.client, tz: "Asia/Shanghai", now: () => NOW, adminToken: ADMIN })] });
    server = app.listen(0);
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await db.close();
  });

  describe("tokens", () => {
    it("serves the OpenAPI description without a token, one path per endpoint", async () => {
      const res = await call("/openapi.json");
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe("3.1.0");
      const described = Object.entries(res.body.paths as Record<string, object>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
      expect(described.sort()).toEqual(apiEndpoints({ db: db.client, tz: "Asia/Shanghai", now: () => NOW }).map((e) => `${e.method} /api${e.path.replace(/:(\w+)/g, "{$1}")}`).sort());
      const list = res.body.paths["/api/postings"].get;
      expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["status", "page", "pageSize"]));
    });

    it("refuses no token (401), an unknown or a revoked one (403), and logs it as a security event", async () => {
      expect((await call("/postings")).status).toBe(401);
      const forged = await fetch(`${base}/api/postings`, { headers: { authorization: "Bearer dk_forged" } });
      expect(forged.status).toBe(403);
      expect((await call("/postings", { as: "revoked" })).status).toBe(403);
      expect(logs.some((l) => l.includes('"security":true') && l.includes("/api/postings"))).toBe(true);
      expect(logs.join("\n")).not.toContain(token.revoked);
    });
  });

  describe("scope", () => {
    it("shows the admin everything, paged", async () => {
      const res = await call("/postings?pageSize=10&page=2", { as: "admin" });
      expect(res.body.total).toBe(11 + 61);
      expect(res.body.items).toHaveLength(10);
      expect(res.body.page).toBe(2);
    });

    it("shows a hospital its own doctors, a clinic the doctors posted to it, a bureau its region", async () => {
      expect(names((await call("/postings", { as: "hospital" })).body.items)).toEqual(["张灵", "黄程", "龙玉顺"].sort());
      expect(names((await call("/postings", { as: "clinic" })).body.items)).toEqual(["周玉", "张灵", "邓国贤"].sort());
      expect((await call("/postings", { as: "bureau" })).body.total).toBe(11);
      const kzq = await db.client.posting.count({ where: { supportingOrg: { name: "科尔沁左翼中旗人民医院" } } });
      expect(kzq).toBeGreaterThan(0);
      expect((await call("/postings", { as: "otherHospital" })).body.total).toBe(kzq);
      // A filter cannot widen the scope.
      expect((await call("/postings?programme=科左中旗2023", { as: "bureau" })).body.total).toBe(0);
    });

    it("hides another clinic's doctor from a clinic: the posting, the workload and the exports", async () => {
      const other = posting["黄程"]; // posted to 泥溪镇, not 江口镇
      expect((await call(`/postings/${other}`, { as: "clinic" })).status).toBe(404);
      expect((await call(`/postings/${other}`, { as: "hospital" })).status).toBe(200);
      const huang = (await call(`/postings/${other}`, { as: "admin" })).body.person.id;
      const workload = await call(`/workload?person=${huang}&from=2021-06-01&to=2021-06-30`, { as: "clinic" });
      expect(workload.body.totals).toEqual({});
      const mine = await call(`/workload?from=2021-06-01&to=2021-06-30`, { as: "clinic" });
      expect(mine.body.totals).toEqual({ rounds: 6, lectures: 1 });
      const csv = (await call("/exports/monthly?month=2021-06&format=csv&org=云阳县泥溪镇卫生院", { as: "clinic" })).body as Buffer;
      expect(csv.toString("utf8").trim().split("\r\n")).toHaveLength(1);
      const own = (await call("/exports/monthly?month=2021-06&format=csv", { as: "clinic" })).body as Buffer;
      expect(new Set(own.toString("utf8").trim().split("\r\n").slice(1).map((l) => l.split(",")[2]))).toEqual(new Set(["张灵", "周玉", "邓国贤"]));
    });

    it("lets no clinic, foreign hospital or hospital-as-bureau change a posting", async () => {
      expect((await call(`/postings/${posting["张灵"]}/end`, { as: "clinic", body: {} })).status).toBe(403);
      expect((await call(`/postings/${posting["张灵"]}/end`, { as: "otherHospital", body: {} })).status).toBe(404);
      const replace = { person: { name: "新医生" }, startDate: "2021-07-01", approvalNote: "云卫发〔2021〕12号" };
      expect((await call(`/postings/${posting["张灵"]}/replace`, { as: "hospital", body: replace })).status).toBe(403);
      const create = { programme: "渝北2021", supportingOrg: "渝北区人民医院", recipientOrg: "云阳县江口镇中心卫生院", person: { name: "外院医生" }, startDate: "2021-07-01" };
      expect((await call("/postings", { as: "hospital", body: create })).status).toBe(403);
      expect(await db.client.auditLog.count({ where: { action: { startsWith: "posting." } } })).toBe(0);
    });
  });

  describe("writes", () => {
    it("creates a posting for the hospital's own pairing, audited; a second time is a conflict", async () => {
      const body = { programme: "渝北2021", supportingOrg: "渝北区中医院", recipientOrg: "云阳县泥溪镇卫生院", person: { name: "陈新", department: "骨科" }, startDate: "2021-07-01", endDate: "2021-10-31" };
      const res = await call("/postings", { as: "hospital", body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ person: { name: "陈新", department: "骨科" }, status: "planned", startDate: "2021-07-01", recipientOrg: "云阳县泥溪镇卫生院" });
      const audit = await db.client.auditLog.findFirstOrThrow({ where: { action: "posting.create", subject: `posting:${res.body.id}` } });
      expect(audit.actor).toMatch(/^token:\d+:渝北区中医院$/);
      expect((await call("/postings", { as: "hospital", body })).status).toBe(409);
    });

    it("sets a posting's own targets, which its ledger then answers to, audited", async () => {
      const res = await call(`/postings/${posting["周玉"]}/targets`, { as: "bureau", body: { targets: [{ metric: "lectures", minimum: 8, period: "half_year" }] } });
      expect(res.status).toBe(200);
      expect(res.body.targets).toContainEqual({ metric: "lectures", minimum: 8, period: "half_year", level: "posting" });
      expect((await call(`/postings/${posting["周玉"]}/targets`, { as: "bureau", body: { targets: [{ metric: "nope", minimum: 1, period: "week" }] } })).status).toBe(400);
      expect(await db.client.auditLog.count({ where: { action: "posting.targets", subject: `posting:${posting["周玉"]}` } })).toBe(1);
    });

    it("ends a posting once, audited with who and when", async () => {
      const res = await call(`/postings/${posting["龙玉顺"]}/end`, { as: "hospital", body: { endedOn: "2021-06-30", note: "调回" } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: "ended", endDate: "2021-06-30" });
      expect((await call(`/postings/${posting["龙玉顺"]}/end`, { as: "hospital", body: {} })).status).toBe(409);
      const audit = await db.client.auditLog.findFirstOrThrow({ where: { action: "posting.end", subject: `posting:${posting["龙玉顺"]}` } });
      expect(audit.data).toEqual({ endedOn: "2021-06-30", note: "调回" });
      expect(audit.at.getTime()).toBeGreaterThan(0);
    });

    it("replaces a doctor only with the bureau's approval note, as a new posting naming the old", async () => {
      const missing = await call(`/postings/${posting["黄程"]}/replace`, { as: "bureau", body: { person: { name: "刘新" }, startDate: "2021-07-01" } });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toContain("approvalNote");
      const res = await call(`/postings/${posting["黄程"]}/replace`, { as: "bureau", body: { person: { name: "刘新", title: "主治医师" }, startDate: "2021-07-01", approvalNote: "云卫发〔2021〕12号" } });
      expect(res.status).toBe(201);
      expect(res.body.replaced).toMatchObject({ status: "replaced", endDate: "2021-06-30" });
      expect(res.body.replacement).toMatchObject({ person: { name: "刘新" }, status: "planned", startDate: "2021-07-01", endDate: "2021-10-31", replacesPostingId: posting["黄程"], replacementNote: "云卫发〔2021〕12号" });
      expect((await db.client.auditLog.findFirstOrThrow({ where: { action: "posting.replace" } })).actor).toMatch(/^token:\d+:云阳县卫生健康委员会$/);
    });
  });

  describe("queries", () => {
    it("answers bad queries with 400 naming the field", async () => {
      const bad = await call("/workload?from=2021-13-01&to=2021-06-30", { as: "admin" });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: "bad_request" });
      expect(bad.body.message).toContain("from");
      expect((await call("/postings?pageSize=1000", { as: "admin" })).body.message).toContain("pageSize");
      expect((await call("/postings?status=lost", { as: "admin" })).status).toBe(400);
      expect((await call("/exports/monthly", { as: "admin" })).body.message).toContain("月份");
      expect((await call("/exports/payroll?month=2021-06", { as: "admin" })).status).toBe(400);
      const json = await fetch(`${base}/api/postings`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" }, body: "{not json" });
      expect(json.status).toBe(400);
    });

    it("sums workload with a daily series", async () => {
      const res = await call(`/workload?org=渝北区中医院&from=2021-06-01&to=2021-06-30&daily=true`, { as: "admin" });
      expect(res.body.totals).toEqual({ rounds: 9, lectures: 1 });
      // By day, then in the form's metric order (查房 before 讲座).
      expect(res.body.daily).toEqual([
        { date: "2021-06-01", metric: "rounds", quantity: 4 },
        { date: "2021-06-18", metric: "rounds", quantity: 3 },
        { date: "2021-06-19", metric: "rounds", quantity: 2 },
        { date: "2021-06-19", metric: "lectures", quantity: 1 },
      ]);
    });

    it("lists who has not reported and arrivals pending, in scope", async () => {
      const silent = await call("/not-reported?days=3", { as: "clinic" });
      expect(silent.body.items.map((i: { person: { name: string } }) => i.person.name)).toEqual(["邓国贤"]);
      const pending = await call("/arrivals/pending", { as: "clinic" });
      expect(pending.body.items.map((i: { person: { name: string } }) => i.person.name)).toEqual(["邓国贤"]);
      expect((await call("/arrivals/pending", { as: "bureau" })).body.total).toBe(11 - 2 - 1 - 1); // two arrived, one ended, one replaced
    });

    it("lists a month's 已提交 and 未提交 postings, each with when it was submitted, filtered by any part of a name", async () => {
      const [first, ...rest] = (await call("/postings?status=arrived", { as: "bureau" })).body.items as { id: number }[];
      await db.client.monthlyReport.create({ data: { postingId: first.id, month: "2021-06", via: "card" } });
      const yes = await call("/postings?reportMonth=2021-06&reported=yes", { as: "bureau" });
      expect(yes.body.items.map((p: { id: number }) => p.id)).toEqual([first.id]);
      expect(yes.body.items[0].reportSubmittedAt).not.toBeNull();
      const no = await call("/postings?reportMonth=2021-06&reported=no&status=arrived", { as: "bureau" });
      expect(no.body.items.map((p: { id: number }) => p.id)).toEqual(rest.map((p) => p.id));
      expect(no.body.items.every((p: { reportSubmittedAt: unknown }) => p.reportSubmittedAt === null)).toBe(true);
      const part = await call(`/postings?recipientOrg=${encodeURIComponent("江口")}`, { as: "bureau" });
      expect(part.body.total).toBeGreaterThan(0);
      expect(part.body.items.every((p: { recipientOrg: string }) => p.recipientOrg.includes("江口"))).toBe(true);
    });

    it("lists meetings and visits of the scope only", async () => {
      const [zy, rm] = await Promise.all(["渝北区中医院", "渝北区人民医院"].map((name) => db.client.organization.findUniqueOrThrow({ where: { name } })));
      await db.client.meeting.createMany({ data: [{ supportingOrgId: zy.id, heldOn: dbDate("2021-06-10"), title: "中医院专题会" }, { supportingOrgId: rm.id, heldOn: dbDate("2021-06-11"), title: "人民医院专题会" }] });
      const clinic = await db.client.organization.findUniqueOrThrow({ where: { name: "云阳县泥溪镇卫生院" } });
      await db.client.supervisionVisit.create({ data: { recipientOrgId: clinic.id, visitedOn: dbDate("2021-06-12"), visitorKind: "bureau", report: "检查情况良好" } });
      expect((await call("/meetings", { as: "hospital" })).body.items.map((m: { title: string }) => m.title)).toEqual(["中医院专题会"]);
      expect((await call("/meetings", { as: "admin" })).body.total).toBe(2);
      expect((await call("/visits", { as: "clinic" })).body.total).toBe(0);
      expect((await call("/visits", { as: "bureau" })).body.items[0]).toMatchObject({ clinic: "云阳县泥溪镇卫生院", visitorKind: "bureau" });
    });
  });

  describe("exports", () => {
    it("downloads a form as XLSX with its Chinese file name", async () => {
      const res = await call("/exports/quarterly?quarter=2021Q2&org=渝北区中医院", { as: "hospital" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("spreadsheetml");
      expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("季度考核统计表_2021Q2_渝北区中医院.xlsx")}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body as unknown as ArrayBuffer);
      expect(book.worksheets[0].name).toBe("渝北区中医院");
      expect(book.worksheets[0].getRow(1).getCell(1).value).toBe("渝北区中医院 2021年第2季度对口支援考核统计表");
    });
  });

  describe("assessments", () => {
    it("shows a posting's assessment: the summary, who signed what, whose turn it is; another hospital sees nothing", async () => {
      await db.client.assessment.create({ data: { postingId: posting["黄程"], selfSummary: "针灸科帮扶半年。", signoffs: { clinic: { by: "张苏丹", byId: 1, opinion: "pass", at: "2021-10-20T02:00:00.000Z" } } } });
      const res = await call(`/postings/${posting["黄程"]}/assessment`, { as: "hospital" });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ summary: "针灸科帮扶半年。", next: "recipient_bureau", submittedAt: null, signoffs: { clinic: { by: "张苏丹", opinion: "pass" } } });
      expect((await call(`/postings/${posting["黄程"]}/assessment`, { as: "otherHospital" })).status).toBe(404);
    });
  });

  describe("programmes", () => {
    const yubei = () => ({ ...JSON.parse(readFileSync(new URL("../../templates/programmes/yubei-2021.json", import.meta.url), "utf8")), region: "云阳县" });

    it("applies a programme's rules for the bureau that governs it, and shows them with their clauses", async () => {
      expect((await call("/programmes", { as: "otherHospital", body: yubei() })).status).toBe(403);
      const applied = await call("/programmes", { as: "bureau", body: yubei() });
      expect(applied.status).toBe(200);
      expect(applied.body).toMatchObject({ name: "渝北2021", created: false });
      const shown = await call(`/programmes/${encodeURIComponent("渝北2021")}`, { as: "clinic" });
      expect(shown.body.rules).toMatchObject({ document: "渝北卫健〔2021〕72号", arrival: { by: "2021-05-01" } });
      expect(shown.body.text).toContain("目标：讲座 不少于 5 次（每半年）");
      const audit = await db.client.auditLog.findFirstOrThrow({ where: { action: "programme.apply" } });
      expect(audit.actor).toMatch(/^token:\d+:云阳县卫生健康委员会$/);
    });

    it("with the rules applied, replaces a doctor only after the hospital's approval and then the bureau's, both recorded", async () => {
      const body = { person: { name: "钱医生" }, startDate: "2021-08-01", approvalNote: "云卫发〔2021〕20号" };
      // 刘新, who replaced 黄程 above: an open posting of 渝北区中医院.
      posting["刘新"] = (await db.client.posting.findFirstOrThrow({ where: { person: { name: "刘新" } } })).id;
      const early = await call(`/postings/${posting["刘新"]}/replace`, { as: "bureau", body });
      expect(early.status).toBe(409);
      expect(early.body.message).toContain("需要支援单位领导先同意");
      expect((await call(`/postings/${posting["刘新"]}/replace/approve`, { as: "otherHospital", body: { note: "同意" } })).status).toBe(404);
      expect((await call(`/postings/${posting["刘新"]}/replace/approve`, { as: "hospital", body: { note: "院长同意更换" } })).status).toBe(201);
      const res = await call(`/postings/${posting["刘新"]}/replace`, { as: "bureau", body });
      expect(res.status).toBe(201);
      const recorded = await db.client.auditLog.findFirstOrThrow({ where: { action: "posting.replace", subject: `posting:${posting["刘新"]}` } });
      expect(recorded.data).toMatchObject({ approvalNote: "云卫发〔2021〕20号", hospitalApproval: { note: "院长同意更换", actor: expect.stringMatching(/渝北区中医院$/) } });
    });

    it("names each problem of a definition by its path, and applies nothing", async () => {
      const bad = await call("/programmes", { as: "admin", body: { ...yubei(), name: "坏的", cycle: { start: "2021-05-01" }, targets: [{ metric: "nope" }] } });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/cycle/);
      expect(bad.body.message).toMatch(/targets\.0\.metric/);
      // Each by its path, for a form to show next to its field.
      expect(bad.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: "targets.0.metric" })]));
      expect(await db.client.programme.count({ where: { name: "坏的" } })).toBe(0);
    });
  });

  describe("hostile input", () => {
    it("answers a malformed or out-of-range id with a 4xx, not a 500", async () => {
      const statuses = [];
      for (const id of ["0", "-1", "abc", "1.5", "99999999999", "%00"]) statuses.push((await call(`/postings/${id}`, { as: "admin" })).status);
      expect(statuses).toEqual([404, 404, 404, 404, 404, 404]);
      expect(logs.filter((l) => l.includes('"level":50'))).toEqual([]);
    });

    it("refuses NUL bytes in a query or a body with a 400", async () => {
      expect((await call("/postings?person=%00", { as: "admin" })).status).toBe(400);
      const create = { programme: "渝北2021", supportingOrg: "渝北区中医院", recipientOrg: "云阳县泥溪镇卫生院", person: { name: "陈\u0000新" }, startDate: "2021-07-01" };
      expect((await call("/postings", { as: "admin", body: create })).status).toBe(400);
      expect(logs.filter((l) => l.includes('"level":50'))).toEqual([]);
    });

    it("answers deeply nested JSON with a 400 naming the depth, not a 500", async () => {
      for (const body of ["[".repeat(20_000) + "]".repeat(20_000), `{"programme":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`]) {
        const res = await fetch(`${base}/api/postings`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" }, body });
        expect(res.status).toBe(400);
        expect((await res.json()).message).toContain("嵌套");
      }
      expect(logs.filter((l) => l.includes('"level":50'))).toEqual([]);
    });

    it("marks every API answer, refusals too, as not to be stored by a browser or proxy", async () => {
      for (const res of [await call("/postings", { as: "admin" }), await call("/postings"), await call("/exports/monthly?month=2021-06&format=csv", { as: "admin" })]) {
        expect(res.headers.get("cache-control")).toBe("no-store");
      }
    });

    it("refuses a date outside the years a programme can run", async () => {
      const create = { programme: "渝北2021", supportingOrg: "渝北区中医院", recipientOrg: "云阳县泥溪镇卫生院", person: { name: "远未来" }, startDate: "9999-01-01" };
      const res = await call("/postings", { as: "admin", body: create });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain("startDate");
      expect((await call("/workload?from=0001-01-01&to=2021-06-30", { as: "admin" })).status).toBe(400);
    });

    it("answers 503, not 500, while the database cannot be reached", async () => {
      const down = openDatabase({ url: "postgresql://postgres@127.0.0.1:1/duikou_down" });
      const app = createApp({ log: pino({ level: "silent" }), metrics: createMetrics(), probes: [], routers: [apiRoutes({ db: down.client, tz: "Asia/Shanghai", now: () => NOW, adminToken: ADMIN })] });
      const other = app.listen(0);
      await new Promise((r) => other.once("listening", r));
      try {
        const res = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/api/postings`, { headers: { authorization: `Bearer ${ADMIN}` } });
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ error: "unavailable", message: "internal error" });
      } finally {
        other.close();
        await down.close();
      }
    });

    it("answers a chunked body over the cap with 413 in JSON", async () => {
      const big = new ReadableStream({
        start(c) {
          for (let i = 0; i < 80; i++) c.enqueue(new TextEncoder().encode("x".repeat(1024)));
          c.close();
        },
      });
      const res = await fetch(`${base}/api/postings`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" }, body: big, duplex: "half" } as RequestInit);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: "payload_too_large" });
    });
  });
});
