// Each programme's own assessment form (issue 29): 中站's 考核登记表 with the cumulative service its 职称
// rule asks for, 盐池's 附件5 工作鉴定表 with 附件4's scoring; each with its own boxes, signed by its own
// parties, on its own opinion scale (优秀 where the form has it). Read cell by cell, print setup included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type ExcelJS from "exceljs";
import { parseProgrammeRules, type ProgrammeRules } from "../../src/domain/programme.js";
import { applyProgramme } from "../../src/services/programme/apply-programme.js";
import { exportForm } from "../../src/forms/export.js";
import { EVERYTHING } from "../../src/services/where.js";
import type { Card } from "../../src/cards/card.js";
import { backendName, openTestDatabase, openTestStore } from "../helpers/backends.js";
import { createTestBot, linkAccount } from "../helpers/bot.js";
import { importCsv } from "../helpers/fixtures.js";
import { rowsByLabel, workbook } from "../helpers/xlsx.js";

const preset = (file: string) => (parseProgrammeRules(JSON.parse(readFileSync(new URL(`../../templates/programmes/${file}.json`, import.meta.url), "utf8"))) as { rules: ProgrammeRules }).rules;
const TZ = "Asia/Shanghai";

describe(`each county's own assessment form (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  let bot: ReturnType<typeof createTestBot>;
  const acct = (name: string) => `acct-${name}`;

  async function cardFor(name: string): Promise<Card> {
    const person = await db.client.person.findFirstOrThrow({ where: { name } });
    const n = await db.client.notification.findFirstOrThrow({ where: { kind: "assessment_sign", recipientPersonId: person.id }, orderBy: { id: "desc" } });
    return (n.payload as { message: { card: Card } }).message.card;
  }
  const tap = async (name: string, key: string) => bot.tap(acct(name), { taskId: (await cardFor(name)).taskId, key, selections: [] }, `${name}:${key}:${Math.random()}`);
  const sheetOf = async (programme: string): Promise<ExcelJS.Worksheet> => {
    const { id } = await db.client.programme.findUniqueOrThrow({ where: { name: programme } });
    const file = await exportForm(db.client, { form: "assessment", format: "xlsx" }, { ...EVERYTHING, postings: { programmeId: id } }, TZ);
    return (await workbook(file.body)).worksheets[0];
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    await applyProgramme(db.client, preset("zhongzhan"), "test");
    await applyProgramme(db.client, preset("yanchi-2023"), "test");
    await importCsv(db, ["支援单位,受援单位,受援单位联系人,姓名,性别,出生年月,职称,科室,派驻方式,开始日期,结束日期",
      "中站区人民医院,朱村社区卫生服务中心,赵主任,甲医生,男,1985.03,主治医师,内科,驻点,2022-03-07,2022-09-11"].join("\n"), { programme: "中站", create: false });
    await importCsv(db, ["支援单位,支援单位所在区县,受援单位,受援单位所在区县,受援单位联系人,姓名,性别,民族,职称,开始日期,结束日期",
      "吴忠市人民医院,利通区,盐池县王乐井乡卫生院,盐池县,饶占广,乙医生,女,回族,主治医师,2023-06-01,2023-11-30"].join("\n"), { programme: "盐池2023", create: false });
    const authority = (name: string, region: string) => db.client.organization.create({ data: { name, kind: "authority", region } });
    const [yanchi, litong] = [await authority("盐池县卫生健康局", "盐池县"), await authority("利通区卫生健康局", "利通区")];
    const wuzhong = await db.client.organization.findUniqueOrThrow({ where: { name: "吴忠市人民医院" } });
    await db.client.person.create({ data: { name: "王局长", organizationId: yanchi.id, role: "leader" } });
    await db.client.person.create({ data: { name: "马局长", organizationId: litong.id, role: "leader" } });
    await db.client.person.create({ data: { name: "吴院长", organizationId: wuzhong.id, role: "leader" } });
    for (const name of ["乙医生", "饶占广", "王局长", "马局长", "吴院长"]) await linkAccount(db, name, acct(name));
    // 援疆 half a year before: it counts toward 中站's 累计服务不少于1年.
    const doctor = await db.client.person.findFirstOrThrow({ where: { name: "甲医生" } });
    await db.client.serviceElsewhere.create({ data: { personId: doctor.id, kind: "援疆", startDate: new Date("2021-01-01T00:00:00Z"), endDate: new Date("2021-06-29T00:00:00Z"), enteredBy: "test" } });
    bot = createTestBot(db, store, "2023-11-20T10:00:00+08:00");
  });
  afterAll(async () => (await store.close(), await db.close()));

  it("prints 中站's 考核登记表: its title, its fields, the cumulative service, three boxes on its own scale", async () => {
    const sheet = await sheetOf("中站");
    expect(sheet.getCell("A1").value).toBe("中站区对口支援工作医师考核登记表");
    const cells = rowsByLabel(sheet);
    expect(cells.get("姓名")).toEqual(["姓名", "甲医生", "性别", "男", "出生年月", "1985.03"]);
    expect(cells.get("工作单位")!.slice(0, 5)).toEqual(["工作单位", "中站区人民医院", "中站区人民医院", "科室", "内科"]);
    expect(cells.get("对口支援单位")!.slice(3, 5)).toEqual(["派驻方式", "全脱产"]);
    // 189 days in post (2022-03-07 … 09-11) and 180 days 援疆.
    expect(cells.get("累计基层服务")![1]).toBe("369天（其中援外、援藏、援疆等180天）");
    const boxes = ["受援医院考核意见", "支援医院审核意见", "区卫生健康行政部门审核意见"];
    for (const box of boxes) expect(cells.get(box)![1]).toBe("□优秀　□合格　□不合格\n（签字盖章）　　　　年　　月　　日");
    // 附件1's four boxes are not on it.
    for (const other of ["受援乡镇卫生院考核意见", "派出人员所在区县卫生健康行政部门考核意见", "本人对口支援工作总结"]) expect(cells.has(other)).toBe(false);
    expect(cells.has("本人工作总结")).toBe(true);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1 });
  });

  it("prints 盐池's 工作鉴定表 with 附件4's items and points, scored by hand", async () => {
    const sheet = await sheetOf("盐池2023");
    expect(sheet.getCell("A1").value).toBe("自治区“千名医师下基层”对口支援活动工作鉴定表");
    const cells = rowsByLabel(sheet);
    expect(cells.get("姓名")).toEqual(["姓名", "乙医生", "性别", "女", "民族", "回族"]);
    expect(cells.get("派出单位")!.slice(0, 5)).toEqual(["派出单位", "吴忠市人民医院", "吴忠市人民医院", "现任专业技术职务", "主治医师"]);
    expect(cells.get("评定项目")!.slice(4)).toEqual(["分值", "得分"]);
    const items = preset("yanchi-2023").forms!.assessment!.scoring!;
    for (const s of items) expect(cells.get(s.item)!.slice(4)).toEqual([s.points, ""]);
    expect(cells.get("合计")!.slice(4)).toEqual([100, ""]);
    for (const box of ["受援单位鉴定意见", "派出单位鉴定意见", "县卫生健康局审核意见"]) expect(cells.get(box)![1]).toBe("□优秀　□合格　□基本合格　□不合格\n（签字盖章）　　　　年　　月　　日");
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1 });
  });

  it("routes 盐池's boxes to their own parties, offers 优秀, and finishes after its three", async () => {
    expect(await bot.say(acct("乙医生"), "总结 半年来在王乐井乡卫生院坐诊、查房，开展专题讲座三次。")).toContain("工作鉴定表已送受援单位签署");
    const card = await cardFor("饶占广");
    expect(card.title).toBe("工作鉴定表待签署：乙医生");
    expect(card.type === "buttons" && card.buttons.map((b) => b.text)).toEqual(["优秀", "合格", "基本合格", "不合格"]);
    expect((await tap("饶占广", "excellent")).replies.join()).toContain("受援单位意见“优秀”");
    expect((await tap("吴院长", "pass")).replies.join()).toContain("派出单位意见“合格”");
    // The box is 县卫生健康局's, the recipient's county: 利通区's bureau (the sending side's) may not sign it.
    const last = (await cardFor("王局长")).taskId;
    expect((await bot.tap(acct("马局长"), { taskId: last, key: "pass", selections: [] })).replies.join()).toContain("只有县卫生健康局可以签署这一栏");
    expect((await tap("王局长", "pass")).replies.join()).toContain("各方均已签署，工作鉴定表已完成");
    const a = await db.client.assessment.findFirstOrThrow({ where: { posting: { person: { name: "乙医生" } } } });
    expect(a.submittedAt).not.toBeNull();
    const cells = rowsByLabel(await sheetOf("盐池2023"));
    expect(cells.get("受援单位鉴定意见")![1]).toBe("优秀　　签字：饶占广　　2023年11月20日");
    expect(cells.get("县卫生健康局审核意见")![1]).toBe("合格　　签字：王局长　　2023年11月20日");
  });
});
