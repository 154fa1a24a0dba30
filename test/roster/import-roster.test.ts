import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readTable, RosterFileError } from "../../src/roster/read-table.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { importRoster } from "../../src/services/programme/import-roster.js";
import { formatImportSummary } from "../../src/roster/format-summary.js";
import { backendName, openTestDatabase, resetDatabase } from "../helpers/backends.js";
import { importCsv, importSeed } from "../helpers/fixtures.js";
import ExcelJS from "exceljs";

const none = { created: 0, updated: 0 };

describe(`roster import (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => void (db = await openTestDatabase()));
  beforeEach(() => resetDatabase(db));
  afterAll(() => db.close());

  it("imports 渝北: 11 postings, 3 supporting and 8 recipient organisations, with clinic contacts", async () => {
    const s = await importSeed(db, "yubei-2021-postings");
    expect(s.postings.created).toBe(11);
    expect(await db.client.organization.count({ where: { kind: "supporting" } })).toBe(3);
    expect(await db.client.organization.count({ where: { kind: "recipient" } })).toBe(8);
    expect(await db.client.person.count({ where: { role: "doctor" } })).toBe(11);
    expect(await db.client.person.count({ where: { role: "clinic_contact" } })).toBe(8);
    const zhang = await db.client.person.findFirstOrThrow({ where: { name: "张灵" }, include: { postings: true } });
    expect(zhang).toMatchObject({ title: "主治医师", department: "妇产科", phone: "13800000001", gender: "女" });
    expect(zhang.postings[0].startDate?.toISOString().slice(0, 10)).toBe("2021-05-01");
    expect(s.rejected).toEqual([]);
  });

  it("imports 附件3 as the document prints it: a title row, a two-row merged header, the clinic's contact as 姓名：电话", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("附件3");
    sheet.addRow(["2020年重庆市二级及以上医疗卫生机构对口支援贫困区县乡镇卫生院医疗队员情况汇总表"]);
    sheet.mergeCells(1, 1, 1, 9);
    sheet.addRow(["支援单位名称", "受援卫生院名称", "受援卫生院联系电话", "支援人员有关情况", "", "", "", "", ""]);
    sheet.addRow(["", "", "", "姓名", "性别", "职称", "科室", "联系方式", "支援时间"]);
    for (const c of [1, 2, 3]) sheet.mergeCells(2, c, 3, c);
    sheet.mergeCells(2, 4, 2, 9);
    sheet.addRow(["渝北区中医院", "云阳县江口镇中心卫生院", "刘平春：13800000001", "张灵", "女", "主治医师", "妇产科", "13800000002", "2021.5.1-2021.10.31"]);
    sheet.addRow(["重医大附三院", "云阳县故陵镇中心卫生院", "朱小兰：13800000010", "胡渊", "女", "主治医师", "内分泌疾病中心", "13800000011", "2021.5.1-2021.10.31"]);
    const path = join(mkdtempSync(join(tmpdir(), "duikou-annex3-")), "附件3.xlsx");
    writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
    const s = await importRoster(db.client, parseRoster(await readTable(path)), { programme: "渝北2021", create: true });
    expect([s.postings.created, s.people.created, s.rejected]).toEqual([2, 4, []]);
    const zhang = await db.client.person.findFirstOrThrow({ where: { name: "张灵" }, include: { postings: true } });
    expect(zhang).toMatchObject({ phone: "13800000002", department: "妇产科" });
    expect(zhang.postings[0].startDate?.toISOString().slice(0, 10)).toBe("2021-05-01");
    expect(await db.client.organization.findUniqueOrThrow({ where: { name: "云阳县江口镇中心卫生院" } })).toMatchObject({ phone: "13800000001" });
    const pairing = await db.client.pairing.findFirstOrThrow({ where: { recipientOrg: { name: "云阳县江口镇中心卫生院" } } });
    expect((await db.client.person.findUniqueOrThrow({ where: { id: pairing.contactPersonId! } })).name).toBe("刘平春");
  });

  it("refuses a file that names no people and no pairing list's figures, instead of importing nothing", () => {
    expect(() => parseRoster([["支援单位", "受援单位", "备注"], ["渝北区中医院", "云阳县江口镇中心卫生院", "x"]])).toThrow(RosterFileError);
  });

  it("imports 明溪: 8 pairings with planned doctors and no invented people", async () => {
    const s = await importSeed(db, "mingxi-2018-pairings");
    expect(s.pairings.created).toBe(8);
    expect(s.people.created).toBe(0);
    expect(s.postings.created).toBe(0);
    expect(await db.client.person.count()).toBe(0);
    const pairings = await db.client.pairing.findMany();
    expect(pairings.every((p) => p.plannedDoctors === 1)).toBe(true);
  });

  it("imports 科左中旗: 30 pairings, every named doctor, the two double postings warned about", async () => {
    const s = await importSeed(db, "keyouzhong-2023-pairings", { start: "2023-06-01", end: "2024-05-31" });
    expect(s.pairings.created).toBe(30);
    expect(s.people.created).toBe(59);
    expect(s.postings.created).toBe(61);
    const doubles = s.warnings.filter((w) => /同时派驻/.test(w.message)).map((w) => w.message.split(" ")[0]);
    expect(doubles.sort()).toEqual(["夏宝平", "姚森"]);
    const xia = await db.client.person.findMany({ where: { name: "夏宝平" }, include: { postings: { include: { recipientOrg: true } } } });
    expect(xia).toHaveLength(1);
    expect(xia[0].postings.map((p) => p.recipientOrg.name).sort()).toEqual(["丰库牧场卫生院", "保康镇社区卫生服务中心"]);
    // Messy cells: trailing 、, a specialty in brackets, full-width commas inside quotes.
    expect(await db.client.person.findFirst({ where: { name: "韩仁钦" } })).toMatchObject({ department: "内科" });
    expect(await db.client.person.findFirst({ where: { name: "" } })).toBeNull();
    expect(await db.client.person.findFirst({ where: { name: { contains: "(" } } })).toBeNull();
    const posting = await db.client.posting.findFirstOrThrow({ where: { person: { name: "何圆圆" } } });
    expect(posting).toMatchObject({ durationText: "6个月-1年" });
    expect(posting.startDate?.toISOString().slice(0, 10)).toBe("2023-06-01");
    const needs = await db.client.pairing.findFirstOrThrow({ where: { recipientOrg: { name: "海力锦卫生院" } } });
    expect(needs.needs).toEqual(["内科", "蒙医理疗"]);
  });

  it("changes nothing when the same file is imported twice", async () => {
    await importSeed(db, "keyouzhong-2023-pairings", { start: "2023-06-01", end: "2024-05-31" });
    await importSeed(db, "yubei-2021-postings");
    const again = await importSeed(db, "keyouzhong-2023-pairings", { start: "2023-06-01", end: "2024-05-31" });
    for (const kind of ["programmes", "organizations", "people", "identities", "pairings", "postings"] as const) {
      expect(again[kind]).toMatchObject(none);
    }
    expect(again.postings.unchanged).toBe(61);
    const yubei = await importSeed(db, "yubei-2021-postings");
    expect(yubei.postings).toEqual({ created: 0, updated: 0, unchanged: 11 });
    expect(await db.client.posting.count()).toBe(72);
  });

  it("updates what changed and links chat accounts from the optional columns", async () => {
    const header = "支援单位,受援单位,受援单位联系人,姓名,职称,联系电话,开始日期,结束日期,企业微信账号,钉钉账号,联系人企业微信账号";
    await importCsv(db, `${header}\n甲医院,乙卫生院,王五,张三,主治医师,13900001234,2024-01-01,2024-06-30,zhangsan,ding-zs,wangwu`, { programme: "p" });
    const s = await importCsv(db, `${header}\n甲医院,乙卫生院,王五,张三,副主任医师,13900001234,2024-01-01,2024-07-31,zhangsan,ding-zs,wangwu`, { programme: "p" });
    expect(s.people.updated).toBe(1);
    expect(s.postings.updated).toBe(1);
    // Each change named, as the preview and the CLI's summary show it.
    expect(s.changes).toEqual([
      { kind: "person", action: "updated", name: "张三（甲医院）", detail: "职称 主治医师 → 副主任医师" },
      { kind: "posting", action: "updated", name: "张三 → 乙卫生院", detail: "派驻时间 2024-01-01 至 2024-06-30 → 2024-01-01 至 2024-07-31" },
    ]);
    expect(formatImportSummary(s, "p.csv", "p")).toContain("张三 → 乙卫生院：派驻时间 2024-01-01 至 2024-06-30 → 2024-01-01 至 2024-07-31");
    expect(s.identities).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const ids = await db.client.chatIdentity.findMany({ include: { person: true }, orderBy: { externalUserId: "asc" } });
    expect(ids.map((i) => `${i.platform}:${i.externalUserId}→${i.person.name}`)).toEqual(["dingtalk:ding-zs→张三", "wecom:wangwu→王五", "wecom:zhangsan→张三"]);
  });

  it("rejects rows it cannot place, with row numbers, and imports the rest", async () => {
    const s = await importCsv(db, "支援单位,受援单位,姓名,开始日期,结束日期\n甲医院,乙卫生院,张三,2024-01-01,2024-06-30\n,乙卫生院,李四,,\n甲医院,丙卫生院,王五,2024-13-01,", { programme: "p" });
    expect(s.rejected.map((r) => r.row)).toEqual([3, 4]);
    expect(s.postings.created).toBe(1);
  });

  describe("bad files write nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "duikou-"));
    const file = (name: string, content: Buffer | string) => (writeFileSync(join(dir, name), content), join(dir, name));

    it.each([
      ["empty", file("empty.csv", ""), "empty"],
      ["no header", file("noheader.csv", "a,b,c\n1,2,3\n"), "format"],
      ["UTF-16", file("utf16.csv", Buffer.from("\ufeff支援单位,受援单位\n", "utf16le")), "encoding"],
      ["not xlsx", file("fake.xlsx", "not a zip"), "format"],
    ])("%s", async (_, path, reason) => {
      const error = await readTable(path).then((t) => parseRoster(t)).catch((e) => e);
      expect(error).toBeInstanceOf(RosterFileError);
      expect(error.reason).toBe(reason);
      expect(await db.client.organization.count()).toBe(0);
    });

    it("reads a GB18030 CSV as Excel on Chinese Windows saves it", async () => {
      const gbk = Buffer.from([0xd6, 0xa7, 0xd4, 0xae, 0xb5, 0xa5, 0xce, 0xbb, 0x2c, 0xca, 0xdc, 0xd4, 0xae, 0xb5, 0xa5, 0xce, 0xbb, 0x0a, 0x41, 0x2c, 0x42, 0x0a]);
      const table = await readTable(file("gbk.csv", gbk));
      expect(table[0]).toEqual(["支援单位", "受援单位"]);
    });

    it("rolls back every write when the import fails midway", async () => {
      const roster = parseRoster([["支援单位", "受援单位", "姓名", "开始日期"], ["甲医院", "乙卫生院", "张三", "2024-01-01"]]);
      // Out of the integer column's range: fails at the pairings step, after organisations and people were written.
      roster.rows.push({ ...roster.rows[0], row: 3, recipientOrg: "丙卫生院", plannedDoctors: 2 ** 40 });
      await expect(importRoster(db.client, roster, { programme: "p", create: true })).rejects.toThrow();
      expect(await db.client.organization.count()).toBe(0);
      expect(await db.client.programme.count()).toBe(0);
    });
  });
});
