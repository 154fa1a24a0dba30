// The forms opened as a clerk would open them: XLSX cells and CSV lines checked, not just that a file exists.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbDate } from "../../src/infra/time.js";
import { EVERYTHING } from "../../src/services/where.js";
import { ExportRequestSchema, exportForm, type ExportRequest } from "../../src/forms/export.js";
import { importRoster } from "../../src/services/programme/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { parseCsv, readTable } from "../../src/roster/read-table.js";
import { backendName, openTestDatabase } from "../helpers/backends.js";
import { importCsv, importSeed } from "../helpers/fixtures.js";
import { readFileSync } from "node:fs";
import { parseProgrammeRules } from "../../src/domain/programme.js";
import { applyProgramme } from "../../src/services/programme/apply-programme.js";
import { rowsByLabel, rowValues, workbook } from "../helpers/xlsx.js";
import { buildDigest } from "../../src/schedule/jobs/digest.js";
import { findDigestLeaders } from "../../src/services/people/find-digest-leaders.js";

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
const TZ = "Asia/Shanghai";
const dir = mkdtempSync(join(tmpdir(), "duikou-forms-"));


function csvTable(body: Buffer): string[][] {
  const text = body.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parseCsv(text.slice(1).trimEnd());
}

const request = (r: Partial<ExportRequest> & { form: ExportRequest["form"] }) => ExportRequestSchema.parse(r);

describe(`forms (${backendName})`, () => {
  let db: TestDb;
  const posting: Record<string, number> = {};
  const person: Record<string, number> = {};

  async function entry(name: string, metric: string, quantity: number, day: string, label?: string) {
    await db.client.workloadEntry.create({ data: {
      postingId: posting[name], personId: person[name], metric: metric as never, quantity, label, occurredOn: dbDate(day), source: "cli", rawText: "test",
    } });
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    await importSeed(db, "yubei-2021-postings", { programme: "渝北2021", create: true });
    for (const p of await db.client.posting.findMany({ include: { person: true } })) (posting[p.person.name] = p.id), (person[p.person.name] = p.personId);
    await entry("张灵", "rounds", 3, "2021-05-20");
    await entry("张灵", "rounds", 2, "2021-06-03");
    await entry("张灵", "lectures", 1, "2021-06-10");
    await entry("张灵", "patients", 25, "2021-06-11");
    await entry("张灵", "mentees", 2, "2021-06-12");
    await entry("张灵", "specialties", 1, "2021-06-15", "中医康复");
    await entry("张灵", "other", 1, "2021-06-16", "义诊下乡");
    await entry("张灵", "donations", 2.5, "2021-06-17");
    // Undone entries count nowhere.
    await db.client.workloadEntry.create({ data: { postingId: posting["张灵"], personId: person["张灵"], metric: "rounds", quantity: 100, occurredOn: dbDate("2021-06-05"), source: "cli", rawText: "x", revokedAt: new Date() } });
    await entry("周玉", "rounds", 4, "2021-06-21");
    await db.client.monthlyReport.create({ data: { postingId: posting["张灵"], month: "2021-06", via: "card" } });
  });
  afterAll(async () => db.close());

  describe("工作量月统计报告表", () => {
    it("fills each doctor's form: the 12 rows in order, the month and the half-year, with remarks", async () => {
      const file = await exportForm(db.client, request({ form: "monthly", month: "2021-06" }), EVERYTHING, TZ);
      expect(file.fileName).toBe("工作量月统计报告表_2021-06.xlsx");
      const book = await workbook(file.body);
      const form = book.getWorksheet("月报表")!;
      // 11 doctors, each form 20 rows (title, 2 info lines, header, 12 rows, status, footer, spacer).
      const titles: number[] = [];
      form.eachRow((row, n) => void (row.getCell(1).value === "对口支援工作量月统计报告表" && titles.push(n)));
      expect(titles).toHaveLength(11);
      // Forms are ordered by supporting org, clinic, name: find 张灵's.
      const start = titles.find((n) => String(form.getRow(n + 2).getCell(1).value).includes("张灵"))!;
      expect(String(form.getRow(start + 1).getCell(1).value)).toContain("支援单位：渝北区中医院");
      expect(String(form.getRow(start + 1).getCell(1).value)).toContain("月份：2021年6月");
      expect(String(form.getRow(start + 2).getCell(1).value)).toContain("支援时间：2021.05.01至2021.10.31");
      expect(rowValues(form, start + 3)).toEqual(["序号", "项目", "单位", "本月", "本半年累计（2021.05.01起）", "备注"]);
      const rows = Array.from({ length: 12 }, (_, i) => rowValues(form, start + 4 + i));
      expect(rows.map((r) => r[1])).toEqual([
        "诊疗病人", "开展手术", "教学查房", "巡回诊疗", "开展讲座", "培训人数", "建设特色科室", "培育适宜技术", "建立完善相关制度", "开展健康教育宣传", "援助设备、药品等", "开展的其它项目",
      ]);
      expect(rows[0]).toEqual([1, "诊疗病人", "人次", 25, 25, ""]);
      expect(rows[2]).toEqual([3, "教学查房", "次", 2, 5, ""]); // May's 3 in the half-year only; the undone 100 nowhere
      expect(rows[6]).toEqual([7, "建设特色科室", "个", 1, 1, "中医康复"]);
      expect(rows[10]).toEqual([11, "援助设备、药品等", "万元", 2.5, 2.5, ""]);
      expect(rows[11]).toEqual([12, "开展的其它项目", "项", 1, 1, "义诊下乡；带教 2人"]);
      expect(String(form.getRow(start + 16).getCell(1).value)).toContain("月报已确认提交");
      expect(form.getRow(start + 4).getCell(4).border?.top?.style).toBe("thin");
      // The title spans the form: A to F merged.
      expect(form.getCell(`F${start}`).isMerged).toBe(true);
      expect(form.getCell(`F${start}`).master.address).toBe(`A${start}`);
      expect(form.getCell(`A${start + 3}`).isMerged).toBe(false);
    });

    it("sums the team on the summary sheet, one line per doctor and a total", async () => {
      const book = await workbook((await exportForm(db.client, request({ form: "monthly", month: "2021-06" }), EVERYTHING, TZ)).body);
      const sheet = book.getWorksheet("汇总")!;
      expect(rowValues(sheet, 2).slice(0, 9)).toEqual(["序号", "支援单位", "受援单位", "姓名", "科室", "月报", "诊疗病人（人次）", "开展手术（例）", "教学查房（次）"]);
      const lines = Array.from({ length: 11 }, (_, i) => rowValues(sheet, 3 + i));
      const zhang = lines.find((l) => l[3] === "张灵")!;
      expect(zhang.slice(5, 9)).toEqual(["✓", 25, 0, 2]);
      expect(lines.find((l) => l[3] === "周玉")!.slice(5, 9)).toEqual(["", 0, 0, 4]);
      expect(rowValues(sheet, 14)[0]).toBe("合计");
      expect(rowValues(sheet, 14)[8]).toBe(6);
    });

    it("writes the same figures as CSV with a BOM and the form's headers", async () => {
      const file = await exportForm(db.client, request({ form: "monthly", month: "2021-06", format: "csv" }), EVERYTHING, TZ);
      expect(file.contentType).toBe("text/csv; charset=utf-8");
      const table = csvTable(file.body);
      expect(table[0]).toEqual(["支援单位", "受援单位", "姓名", "科室", "月份", "序号", "项目", "单位", "本月", "本半年累计", "备注"]);
      expect(table).toHaveLength(1 + 11 * 12);
      expect(table).toContainEqual(["渝北区中医院", "云阳县江口镇中心卫生院", "张灵", "妇产科", "2021-06", "3", "教学查房", "次", "2", "5", ""]);
    });

    it("narrows to one organisation with --org", async () => {
      const file = await exportForm(db.client, request({ form: "monthly", month: "2021-06", org: "渝北区人民医院", format: "csv" }), EVERYTHING, TZ);
      const names = new Set(csvTable(file.body).slice(1).map((r) => r[2]));
      expect([...names].sort()).toEqual(["周代会", "周玉"]);
      const clinic = await exportForm(db.client, request({ form: "monthly", month: "2021-06", org: "云阳县江口镇中心卫生院", format: "csv" }), EVERYTHING, TZ);
      expect(new Set(csvTable(clinic.body).slice(1).map((r) => r[2]))).toEqual(new Set(["张灵", "周玉", "邓国贤"]));
    });

    it("lists nobody for a month outside every posting", async () => {
      const file = await exportForm(db.client, request({ form: "monthly", month: "2022-01", format: "csv" }), EVERYTHING, TZ);
      expect(csvTable(file.body)).toHaveLength(1);
    });
  });

  describe("季度考核统计表", () => {
    it("has a sheet per supporting hospital with each doctor's quarter and a programme summary", async () => {
      await db.client.meeting.create({ data: { supportingOrgId: (await db.client.organization.findUniqueOrThrow({ where: { name: "渝北区中医院" } })).id, heldOn: dbDate("2021-06-20"), title: "第二季度专题会议" } });
      const file = await exportForm(db.client, request({ form: "quarterly", quarter: "2021Q2" }), EVERYTHING, TZ);
      const book = await workbook(file.body);
      expect(book.worksheets.map((w) => w.name)).toEqual(["渝北区人民医院", "渝北区中医院", "重医大附三院", "成效汇总_渝北2021"].sort((a, b) => (a.startsWith("成效") ? 1 : b.startsWith("成效") ? -1 : a.localeCompare(b))));
      const sheet = book.getWorksheet("渝北区中医院")!;
      expect(sheet.getRow(1).getCell(1).value).toBe("渝北区中医院 2021年第2季度对口支援考核统计表");
      const headers = rowValues(sheet, 2);
      expect(headers.slice(0, 8)).toEqual(["序号", "受援单位", "姓名", "科室", "职称", "派驻状态", "到岗日期", "月报提交"]);
      expect(headers.at(-1)).toBe("目标完成情况");
      const zhang = [3, 4, 5].map((n) => rowValues(sheet, n)).find((r) => r[2] === "张灵")!;
      expect(zhang[5]).toBe("待到岗");
      expect(zhang[7]).toBe("1/2"); // April was before the posting
      expect(zhang[8 + headers.slice(8).indexOf("教学查房（次）")]).toBe(5);
      const summary = book.getWorksheet("成效汇总_渝北2021")!;
      const rows = new Map<string, ExcelJS.CellValue[]>();
      summary.eachRow((row) => void rows.set(String(row.getCell(1).value), rowValues(summary, row.number)));
      expect(rows.get("派驻人员（人）")![1]).toBe(11);
      expect(rows.get("教学查房（次）")!.slice(1)).toEqual([9, 9]);
      expect(rows.get("季度专题会议（次）")!.slice(1)).toEqual([1, 1]);
      expect(rows.get("特色科室名称")![2]).toBe("中医康复");
    });

    it("prints ready: the wide sheets landscape and fitted to the page's width, their header rows on every page", async () => {
      const quarterly = await workbook((await exportForm(db.client, request({ form: "quarterly", quarter: "2021Q2" }), EVERYTHING, TZ)).body);
      const org = quarterly.getWorksheet("渝北区中医院")!;
      expect(org.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: "2:2" });
      const monthly = await workbook((await exportForm(db.client, request({ form: "monthly", month: "2021-06" }), EVERYTHING, TZ)).body);
      expect(monthly.getWorksheet("汇总")!.pageSetup).toMatchObject({ orientation: "landscape", printTitlesRow: "2:2" });
      const roster = await workbook((await exportForm(db.client, request({ form: "roster", programme: "渝北2021" }), EVERYTHING, TZ)).body);
      expect(roster.worksheets[0].pageSetup).toMatchObject({ orientation: "portrait", fitToWidth: 1, printTitlesRow: "3:4" });
    });

    it("asks for a quarter, and refuses both a month and a quarter", () => {
      expect(ExportRequestSchema.safeParse({ form: "quarterly" }).error?.issues[0].message).toContain("季度");
      expect(ExportRequestSchema.safeParse({ form: "roster", month: "2021-06", quarter: "2021Q2" }).success).toBe(false);
      expect(ExportRequestSchema.safeParse({ form: "monthly", month: "2021-13" }).error?.issues[0].message).toContain("YYYY-MM");
    });
  });

  describe("附件3 roster", () => {
    it("prints 附件3 as the document does: a title, 支援人员有关情况 over 姓名 … 支援时间, the clinic's contact as 姓名：电话", async () => {
      await db.client.organization.update({ where: { name: "云阳县江口镇中心卫生院" }, data: { phone: "023-55550001" } });
      const book = await workbook((await exportForm(db.client, request({ form: "roster", programme: "渝北2021" }), EVERYTHING, TZ)).body);
      const sheet = book.worksheets[0];
      expect(sheet.getRow(1).getCell(1).value).toBe("附件3");
      expect(sheet.getRow(2).getCell(1).value).toBe("渝北2021对口支援人员情况汇总表");
      expect(rowValues(sheet, 3).slice(0, 4)).toEqual(["支援单位名称", "受援卫生院名称", "受援卫生院联系电话", "支援人员有关情况"]);
      expect(rowValues(sheet, 4).slice(3)).toEqual(["姓名", "性别", "职称", "科室", "联系方式", "支援时间"]);
      expect(sheet.model.merges).toEqual(expect.arrayContaining(["A1:I1".replace("A1", "A2").replace("I1", "I2"), "D3:I3", "A3:A4", "B3:B4", "C3:C4"]));
      expect(sheet.rowCount).toBe(4 + 11);
      const zhang = Array.from({ length: 11 }, (_, i) => rowValues(sheet, 5 + i)).find((r) => r[3] === "张灵");
      expect(zhang).toEqual(["渝北区中医院", "云阳县江口镇中心卫生院", "刘平春：023-55550001", "张灵", "女", "主治医师", "妇产科", "13800000001", "2021.05.01至2021.10.31"]);
    });

    it.each(["xlsx", "csv"] as const)("round-trips through import (%s): the same postings, nothing new", async (format) => {
      const file = await exportForm(db.client, request({ form: "roster", programme: "渝北2021", format }), EVERYTHING, TZ);
      const path = join(dir, `roster.${format}`);
      writeFileSync(path, file.body);
      const again = await importRoster(db.client, parseRoster(await readTable(path)), { programme: "渝北2021", create: true });
      expect(again.postings).toEqual({ created: 0, updated: 0, unchanged: 11 });
      expect(again.people.created + again.people.updated + again.organizations.created + again.pairings.created).toBe(0);
      expect(again.rejected).toEqual([]);
      // Into an empty database: the same postings, dates, people and the clinic's phone.
      const fresh = await openTestDatabase();
      try {
        const summary = await importRoster(fresh.client, parseRoster(await readTable(path)), { programme: "渝北2021", create: true });
        expect(summary.postings.created).toBe(11);
        const describe = async (d: TestDb) => (await d.client.posting.findMany({ include: { person: true, supportingOrg: true, recipientOrg: true } }))
          .map((p) => [p.person.name, p.person.phone, p.person.department, p.supportingOrg.name, p.recipientOrg.name, p.recipientOrg.phone, p.startDate?.toISOString(), p.endDate?.toISOString()].join("|")).sort();
        expect(await describe(fresh)).toEqual(await describe(db));
      } finally {
        await fresh.close();
      }
    });

    it("prints 科左中旗's 关系表 and 明溪's 名单 in their documents' layouts, and reads each back unchanged", async () => {
      const fresh = await openTestDatabase();
      try {
        for (const file of ["keyouzhong-2023.json", "mingxi-2018.json"]) {
          const parsed = parseProgrammeRules(JSON.parse(readFileSync(new URL(`../../templates/programmes/${file}`, import.meta.url), "utf8")));
          if ("rules" in parsed) await applyProgramme(fresh.client, parsed.rules, "test");
        }
        await importSeed(fresh, "keyouzhong-2023-pairings", { programme: "科左中旗", create: false });
        await importSeed(fresh, "mingxi-2018-pairings", { programme: "明溪", create: false });
        const kzq = await workbook((await exportForm(fresh.client, request({ form: "roster", programme: "科左中旗" }), EVERYTHING, TZ)).body);
        const rel = kzq.worksheets[0];
        expect(rel.name).toBe("关系表");
        expect(rel.getRow(1).getCell(1).value).toBe("二级医院对口帮扶基层卫生院关系表");
        expect(rowValues(rel, 2)).toEqual(["序号", "二级医院名称", "基层卫生院名称", "需帮扶项目", "下派人员姓名", "帮扶时间"]);
        expect(rel.rowCount).toBe(2 + 30);
        const xibohua = Array.from({ length: 30 }, (_, i) => rowValues(rel, 3 + i)).find((r) => r[2] === "希伯花中心卫生院")!;
        expect(xibohua.slice(1)).toEqual(["科尔沁左翼中旗人民医院", "希伯花中心卫生院", "外科、内科", "朱德雨、马玉田", "6个月-1年"]);
        const mx = await workbook((await exportForm(fresh.client, request({ form: "roster", programme: "明溪" }), EVERYTHING, TZ)).body);
        expect(rowValues(mx.worksheets[0], 2)).toEqual(["序号", "县级医院", "受援卫生院", "选派医师数"]);
        expect(rowValues(mx.worksheets[0], 3)).toEqual([1, "明溪县医院", "盖洋中心卫生院", 1]);
        // The quarterly summary is titled by the document, not by duikou's name for the programme.
        const quarterly = await workbook((await exportForm(fresh.client, request({ form: "quarterly", quarter: "2023Q3" }), EVERYTHING, TZ)).body);
        const summary = quarterly.worksheets.find((w) => w.name.includes("科左中旗"))!;
        expect(summary.getRow(1).getCell(1).value).toBe("科左中旗二级医院对口帮扶基层卫生院工作方案 2023年第3季度对口支援工作成效汇总");
        for (const [programme, body] of [["科左中旗", kzq], ["明溪", mx]] as const) {
          const path = join(dir, `${programme}.xlsx`);
          writeFileSync(path, Buffer.from(await body.xlsx.writeBuffer()));
          const again = await importRoster(fresh.client, parseRoster(await readTable(path)), { programme });
          expect([again.postings.created, again.postings.updated, again.pairings.created, again.pairings.updated, again.people.created, again.rejected]).toEqual([0, 0, 0, 0, 0, []]);
        }
      } finally {
        await fresh.close();
      }
    });

    it("keeps a pairing nobody is posted to, and what the roster said about its duration", async () => {
      const fresh = await openTestDatabase();
      try {
        await importSeed(fresh, "keyouzhong-2023-pairings", { programme: "科左中旗", start: "2023-06-01", end: "2024-05-31" });
        await importSeed(fresh, "mingxi-2018-pairings", { programme: "明溪" });
        const file = await exportForm(fresh.client, request({ form: "roster", programme: "科左中旗", format: "csv" }), EVERYTHING, TZ);
        const table = csvTable(file.body);
        expect(table.find((r) => r[3] === "何圆圆")![8]).toBe("2023.06.01至2024.05.31（6个月-1年）");
        const mingxi = csvTable((await exportForm(fresh.client, request({ form: "roster", programme: "明溪", format: "csv" }), EVERYTHING, TZ)).body);
        expect(mingxi).toHaveLength(1 + 8);
        expect(mingxi[1].slice(3)).toEqual(["", "", "", "", "", ""]);
        const path = join(dir, "kzq.csv");
        writeFileSync(path, file.body);
        const again = await importRoster(fresh.client, parseRoster(await readTable(path)), { programme: "科左中旗", create: true });
        expect(again.postings).toEqual({ created: 0, updated: 0, unchanged: 61 });
        expect(again.pairings.updated).toBe(0);
        // The needs 附件3 has no column for are kept.
        expect((await fresh.client.pairing.findFirstOrThrow({ where: { recipientOrg: { name: "希伯花中心卫生院" } } })).needs).toEqual(["外科", "内科"]);
      } finally {
        await fresh.close();
      }
    });
  });

  describe("考核鉴定表", () => {
    it("prefills a sheet per posting with 附件1's fields, its four sign-offs, and the totals against the targets", async () => {
      const programme = await db.client.programme.findUniqueOrThrow({ where: { name: "渝北2021" } });
      await db.client.target.create({ data: { programmeId: programme.id, metric: "rounds", minimum: 20, period: "posting" } });
      // 张灵's own lecture target: the form says it is hers.
      await db.client.target.create({ data: { programmeId: programme.id, postingId: posting["张灵"], metric: "lectures", minimum: 8, period: "half_year" } });
      await db.client.assessment.create({ data: { postingId: posting["张灵"], selfSummary: "半年来开展查房和讲座。" } });
      const file = await exportForm(db.client, request({ form: "assessment", org: "渝北区中医院", month: "2021-10" }), EVERYTHING, TZ);
      const book = await workbook(file.body);
      expect(book.worksheets.map((w) => w.name).sort()).toEqual(["张灵_云阳县江口镇中心卫生院", "黄程_云阳县泥溪镇卫生院", "龙玉顺_云阳县人和街道中心卫生院"].sort());
      const cells = rowsByLabel(book.getWorksheet("张灵_云阳县江口镇中心卫生院")!);
      expect(cells.get("对口支援人员考核鉴定表")).toBeDefined(); // no programme rules: the default title
      expect(cells.get("姓名")).toEqual(["姓名", "张灵", "性别", "女", "民族", ""]);
      expect(cells.get("现任专业技术职务")!.slice(0, 2)).toEqual(["现任专业技术职务", "主治医师"]);
      expect(cells.get("工作单位")!.slice(0, 2)).toEqual(["工作单位", "渝北区中医院"]);
      expect(cells.get("对口支援单位")![1]).toBe("云阳县江口镇中心卫生院");
      expect(cells.get("教学查房")!.slice(0, 5)).toEqual(["教学查房", "次", 5, "≥20（派驻期间）", "5/20（派驻期间）未完成"]);
      expect(cells.get("开展讲座")!.slice(3, 5)).toEqual(["≥8（每半年，个人目标）", `${cells.get("开展讲座")![2]}/8（每半年）未完成`]);
      expect(cells.get("本人对口支援工作总结")![1]).toBe("半年来开展查房和讲座。");
      for (const label of ["受援乡镇卫生院考核意见", "受援区县卫生健康行政部门意见", "派出人员所在单位考核意见", "派出人员所在区县卫生健康行政部门考核意见"]) {
        expect(cells.get(label)![1]).toContain("年　　月　　日");
      }
    });

    it("judges 中站's weekly minimums week by week on its assessment, with rows for 门诊半天 and 带教", async () => {
      const fresh = await openTestDatabase();
      try {
        const parsed = parseProgrammeRules(JSON.parse(readFileSync(new URL("../../templates/programmes/zhongzhan.json", import.meta.url), "utf8")));
        if ("rules" in parsed) await applyProgramme(fresh.client, parsed.rules, "test");
        // Twenty-seven weeks in post, Monday 2022-03-07 to Sunday 2022-09-11 (the document's six months and more).
        await importCsv(fresh, ["支援单位,受援单位,姓名,开始日期,结束日期", "中站区人民医院,朱村社区卫生服务中心,甲医生,2022-03-07,2022-09-11"].join("\n"), { programme: "中站", create: false });
        const p = await fresh.client.posting.findFirstOrThrow();
        // 门诊半天: 3, 3, 2, 4 in the first four weeks (three weeks met); 查房 twice in each of them; one 带教.
        const add = (metric: "outpatient_half_days" | "rounds" | "mentees", quantity: number, date: string) => fresh.client.workloadEntry.create({ data: { postingId: p.id, personId: p.personId, metric, quantity, occurredOn: new Date(`${date}T00:00:00Z`), source: "cli", rawText: "x" } });
        for (const [q, d] of [[3, "2022-03-08"], [3, "2022-03-15"], [2, "2022-03-22"], [4, "2022-03-29"]] as const) await add("outpatient_half_days", q, d);
        for (const d of ["2022-03-09", "2022-03-16", "2022-03-23", "2022-03-30"]) await add("rounds", 2, d);
        await add("mentees", 1, "2022-03-10");
        const book = await workbook((await exportForm(fresh.client, request({ form: "assessment", month: "2022-09" }), EVERYTHING, TZ)).body);
        const cells = rowsByLabel(book.worksheets[0]);
        expect(cells.get("出门诊")!.slice(2, 5)).toEqual([12, "≥3（每周）", "3/27 周达标（每周≥3）"]);
        expect(cells.get("教学查房")!.slice(4, 5)).toEqual(["4/27 周达标（每周≥2）"]);
        expect(cells.get("带教")!.slice(2, 5)).toEqual([1, "≥1（派驻期间）", "1/1（派驻期间）已完成"]);
        // The quarterly form: its own columns for 门诊半天 and 带教, and the quarter's weeks judged (the week
        // running across the quarter's end is judged with the next quarter's).
        const quarterly = await workbook((await exportForm(fresh.client, request({ form: "quarterly", quarter: "2022Q1" }), EVERYTHING, TZ)).body);
        const sheet = quarterly.getWorksheet("中站区人民医院")!;
        const headers = rowValues(sheet, 2).map(String);
        const line = rowValues(sheet, 3);
        expect(line[headers.indexOf("出门诊（个半天）")]).toBe(12);
        expect(line[headers.indexOf("带教（人）")]).toBe(1);
        expect(line.at(-1)).toBe("门诊半天 2/3 周达标（每周≥3）；查房 3/3 周达标（每周≥2）");
        // The hospital leader's digest on Monday 2022-04-04: the four weeks posted so far, each judged.
        const hospital = await fresh.client.organization.findUniqueOrThrow({ where: { name: "中站区人民医院" } });
        await fresh.client.person.create({ data: { name: "院长", organizationId: hospital.id, role: "leader" } });
        const [leader] = await findDigestLeaders(fresh.client, "2022-04-04");
        const digest = (await buildDigest(fresh.client, leader, "2022-04-04", TZ))!;
        expect(digest.lines.find((l) => l.key === "每周目标达标")?.value).toBe("甲医生（门诊半天 3/4周，查房 4/4周）");
      } finally {
        await fresh.close();
      }
    });

    it("exports nothing for a month no posting ends in", async () => {
      const file = await exportForm(db.client, request({ form: "assessment", month: "2021-07", format: "csv" }), EVERYTHING, TZ);
      expect(csvTable(file.body)).toHaveLength(1);
    });
  });
});
