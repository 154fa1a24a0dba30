// A person's grassroots service record (issue 29): every posting across programmes, service elsewhere the
// bureau enters (援外, 援藏, 援疆), the days in all counted once each; through the API and 服务记录 in chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceDays } from "../../src/domain/service-days.js";
import { apiEndpoints } from "../../src/api/routes.js";
import { EVERYTHING, scopeOfOrg } from "../../src/services/where.js";
import type { Caller } from "../../src/api/caller.js";
import { backendName, openTestDatabase, openTestStore } from "../helpers/backends.js";
import { importCsv } from "../helpers/fixtures.js";
import { createTestBot, linkAccount } from "../helpers/bot.js";
import { ExportRequestSchema, exportForm } from "../../src/forms/export.js";
import { rowValues, workbook } from "../helpers/xlsx.js";

describe("service days", () => {
  it("counts each day once, both ends included, across overlapping and touching spans", () => {
    expect(serviceDays([{ from: "2023-01-01", to: "2023-01-10" }])).toBe(10);
    expect(serviceDays([{ from: "2023-01-01", to: "2023-01-10" }, { from: "2023-01-05", to: "2023-01-20" }, { from: "2023-01-21", to: "2023-01-21" }])).toBe(21);
    expect(serviceDays([{ from: "2023-03-01", to: "2023-03-02" }, { from: "2023-01-01", to: "2023-01-01" }])).toBe(3);
  });
});

describe(`a doctor's service record (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  let personId: number;
  beforeAll(async () => {
    db = await openTestDatabase();
    // One doctor under two clinics at once (科左中旗 lists 夏宝平 twice), and a second programme later.
    await importCsv(db, ["支援单位,受援单位,姓名,开始日期,结束日期", "科尔沁左翼中旗人民医院,丰库牧场卫生院,夏宝平,2023-03-01,2023-08-31", "科尔沁左翼中旗人民医院,保康镇社区卫生服务中心,夏宝平,2023-06-01,2023-12-31"].join("\n"), { programme: "科左中旗" });
    await importCsv(db, ["支援单位,受援单位,姓名,开始日期,结束日期", "科尔沁左翼中旗人民医院,巴彦召卫生院,夏宝平,2024-03-01,2024-05-31"].join("\n"), { programme: "科左中旗2024" });
    await db.client.programme.updateMany({ data: { region: "科左中旗" } });
    personId = await linkAccount(db, "夏宝平", "xbp");
  });
  afterAll(async () => (await store.close(), await db.close()));

  const call = (caller: Caller, method: string, body?: unknown) =>
    apiEndpoints({ db: db.client, tz: "Asia/Shanghai", now: () => new Date("2024-06-10T10:00:00+08:00") })
      .find((e) => e.method === method && e.path === "/people/:id/service")!
      .handler({ caller, params: { id: String(personId) }, query: {}, body } as never) as Promise<{ totalDays: number; postings: unknown[]; elsewhere: unknown[] }>;
  const org = async (name: string) => { const o = await db.client.organization.findUniqueOrThrow({ where: { name } }); return { id: o.id, name: o.name, kind: o.kind, region: o.region }; };
  const as = async (name: string): Promise<Caller> => { const o = await org(name); return { actor: `token:1:${name}`, admin: false, scope: scopeOfOrg(o), org: o }; };

  it("adds service elsewhere for the bureau, refuses it to the hospital, and counts every day once", async () => {
    const bureau = await db.client.organization.create({ data: { name: "科左中旗卫生健康委员会", kind: "authority", region: "科左中旗" } });
    const other = await db.client.organization.create({ data: { name: "云阳县卫生健康委员会", kind: "authority", region: "云阳县" } });
    const admin = { actor: "admin", admin: true, scope: EVERYTHING };
    // 2023-03-01 … 2023-12-31 (306 days, the two postings overlapping) and 2024-03-01 … 2024-05-31 (92).
    expect((await call(admin, "get")).totalDays).toBe(306 + 92);
    await expect(call(await as("科尔沁左翼中旗人民医院"), "post", { kind: "援疆", startDate: "2022-01-01", endDate: "2022-01-31" })).rejects.toMatchObject({ status: 403 });
    await expect(call(await as(other.name), "get")).rejects.toMatchObject({ status: 404 });
    const record = await call(await as(bureau.name), "post", { kind: "援疆", startDate: "2022-01-01", endDate: "2022-01-31", note: "新疆某县医院" });
    expect(record.totalDays).toBe(306 + 92 + 31);
    expect(record.elsewhere).toEqual([expect.objectContaining({ kind: "援疆", days: 31, note: "新疆某县医院" })]);
    expect((await call(await as("科尔沁左翼中旗人民医院"), "get")).postings).toHaveLength(3);
  });

  it("answers 服务记录 in chat with the days in all and each posting", async () => {
    const bot = createTestBot(db, store, "2024-06-10T10:00:00+08:00");
    const reply = await bot.say("xbp", "服务记录");
    expect(reply).toContain("累计 429 天");
    expect(reply).toContain("科左中旗：丰库牧场卫生院，2023-03-01 至 2023-08-31，184 天");
    expect(reply).toContain("援疆：2022-01-01 至 2022-01-31，31 天");
  });

  it("prints a 基层服务证明 per person: each posting and the service elsewhere, the days in all, in the caller's scope only", async () => {
    const request = ExportRequestSchema.parse({ form: "service", person: personId });
    const file = await exportForm(db.client, request, EVERYTHING, "Asia/Shanghai");
    expect(file.fileName).toBe("基层服务证明_夏宝平.xlsx");
    const sheet = (await workbook(file.body)).worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe("基层服务证明");
    expect(rowValues(sheet, 3)).toEqual(["类别", "项目", "服务单位", "开始日期", "结束日期", "天数", "考核结果"]);
    expect(rowValues(sheet, 4)).toEqual(["对口支援", "科左中旗", "丰库牧场卫生院", "2023-03-01", "2023-08-31", 184, "未提交"]);
    expect(rowValues(sheet, 7)).toEqual(["援疆", "新疆某县医院", "", "2022-01-01", "2022-01-31", 31, ""]);
    expect(String(sheet.getRow(8).getCell(1).value)).toMatch(/^累计基层服务 \d+ 天/);
    expect(sheet.pageSetup).toMatchObject({ fitToWidth: 1, printTitlesRow: "3:3" });
    const other = await org("云阳县卫生健康委员会");
    await expect(exportForm(db.client, request, scopeOfOrg(other), "Asia/Shanghai")).rejects.toMatchObject({ status: 404 });
    expect(ExportRequestSchema.safeParse({ form: "service" }).success).toBe(false);
  });
});
