// The assessment (考核鉴定表) as a workflow through chat and cards: the doctor's summary, then the four
// parties in the document's order, each tapping its opinion; the form prints who signed what and when.
// The roster spans two counties (渝北's hospital, 云阳's clinic): each county's bureau signs its own box.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseProgrammeRules, type ProgrammeRules } from "../../src/domain/programme.js";
import { applyProgramme } from "../../src/services/programme/apply-programme.js";
import { exportForm } from "../../src/forms/export.js";
import { EVERYTHING } from "../../src/services/where.js";
import { assessmentJob } from "../../src/schedule/jobs/assessment.js";
import { runJob } from "../../src/schedule/registry.js";
import type { Card } from "../../src/cards/card.js";
import { backendName, openTestDatabase, openTestStore } from "../helpers/backends.js";
import { createTestBot, linkAccount } from "../helpers/bot.js";
import { importCsv } from "../helpers/fixtures.js";
import { scheduleDeps } from "../helpers/schedule.js";
import { rowsByLabel, workbook } from "../helpers/xlsx.js";

const rules = (parseProgrammeRules(JSON.parse(readFileSync(new URL("../../templates/programmes/yubei-2021.json", import.meta.url), "utf8"))) as { rules: ProgrammeRules }).rules;

describe(`the assessment, from the summary to the fourth signature (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  const acct: Record<string, string> = {};
  let bot: ReturnType<typeof createTestBot>;

  /** The card waiting for this person (the newest one written for them). */
  async function cardFor(name: string): Promise<Card> {
    const person = await db.client.person.findFirstOrThrow({ where: { name } });
    const n = await db.client.notification.findFirstOrThrow({ where: { kind: "assessment_sign", recipientPersonId: person.id }, orderBy: { id: "desc" } });
    return (n.payload as { message: { card: Card } }).message.card;
  }
  const tap = async (name: string, key: string) => bot.tap(acct[name], { taskId: (await cardFor(name)).taskId, key, selections: [] }, `${name}:${key}:${Math.random()}`);

  beforeAll(async () => {
    db = await openTestDatabase();
    await applyProgramme(db.client, rules, "test");
    await importCsv(db, [
      "支援单位,支援单位所在区县,受援单位,受援单位所在区县,受援单位联系人,姓名,性别,开始日期,结束日期",
      "渝北区中医院,渝北区,云阳县江口镇中心卫生院,云阳县,刘平春,张灵,女,2021-05-01,2021-10-31",
    ].join("\n"), { programme: "渝北2021" });
    const hospital = await db.client.organization.findUniqueOrThrow({ where: { name: "渝北区中医院" } });
    const yunyang = await db.client.organization.create({ data: { name: "云阳县卫生健康委员会", kind: "authority", region: "云阳县" } });
    const yubei = await db.client.organization.create({ data: { name: "渝北区卫生健康委员会", kind: "authority", region: "渝北区" } });
    // A bureau of no county (the city's) governs everything, but signs no county's box.
    const city = await db.client.organization.create({ data: { name: "重庆市卫生健康委员会", kind: "authority" } });
    await db.client.person.create({ data: { name: "王院长", organizationId: hospital.id, role: "leader" } });
    await db.client.person.create({ data: { name: "陈局长", organizationId: yunyang.id, role: "leader" } });
    await db.client.person.create({ data: { name: "李主任", organizationId: yubei.id, role: "leader" } });
    await db.client.person.create({ data: { name: "周处长", organizationId: city.id, role: "leader" } });
    for (const name of ["张灵", "刘平春", "王院长", "陈局长", "李主任", "周处长"]) acct[name] = `acct-${name}`, await linkAccount(db, name, acct[name]);
    bot = createTestBot(db, store, "2021-10-18T10:00:00+08:00");
  });
  afterAll(async () => (await store.close(), await db.close()));

  it("asks the doctor for the summary 14 days before the end", async () => {
    const run = await runJob(scheduleDeps(db, store), assessmentJob, new Date("2021-10-17T09:00:00+08:00"), { dryRun: true });
    expect(run.emitted.map((e) => [e.kind, e.recipient])).toEqual([["assessment", "张灵"]]);
  });

  it("takes the summary in chat and sends the clinic its card", async () => {
    expect(await bot.say(acct["张灵"], "总结 半年来在江口镇中心卫生院开展教学查房和专题讲座，带教两名医生。")).toContain("已送受援乡镇卫生院签署");
    const card = await cardFor("刘平春");
    expect(card.title).toBe("考核鉴定表待签署：张灵");
    expect(card.type === "buttons" && card.buttons.map((b) => b.text)).toEqual(["合格", "基本合格", "不合格"]);
  });

  it("chases a party that has not signed three days after its turn came, with its card again", async () => {
    const chase = async (day: string) => (await runJob(scheduleDeps(db, store), assessmentJob, new Date(`${day}T09:00:00+08:00`), { dryRun: true })).emitted;
    expect(await chase("2021-10-20")).toEqual([]); // two days: not yet
    expect((await chase("2021-10-21")).map((e) => [e.kind, e.recipient])).toEqual([["assessment_sign", "刘平春"]]);
  });

  it("takes each party's opinion in the document's order, refusing anyone out of turn", async () => {
    // 王院长 (the supporting hospital) is third: not yet. He has no card; he taps the clinic's.
    const early = await bot.tap(acct["王院长"], { taskId: (await cardFor("刘平春")).taskId, key: "pass", selections: [] });
    expect(early.replies.join()).toContain("只有受援乡镇卫生院可以签署这一栏");
    const clinic = await tap("刘平春", "pass");
    expect(clinic.replies.join()).toContain("已签署 张灵 的考核鉴定表：受援乡镇卫生院意见“合格”");
    expect(clinic.cardUpdate).toMatch(/^已签署 · 刘平春 · 合格 · /);
    // 云阳's bureau signs the recipient county's box; neither 渝北's nor the city's may.
    const recipientCard = (await cardFor("陈局长")).taskId;
    for (const other of ["李主任", "周处长"]) {
      const refused = await bot.tap(acct[other], { taskId: recipientCard, key: "pass", selections: [] });
      expect(refused.replies.join()).toContain("只有受援区县卫生健康行政部门可以签署这一栏");
    }
    expect((await tap("陈局长", "pass")).replies.join()).toContain("受援区县卫生健康行政部门意见“合格”");
    // 优秀 is not on 附件1's scale.
    expect((await tap("王院长", "excellent")).replies.join()).toContain("没有这一档意见");
    expect((await tap("王院长", "basic")).replies.join()).toContain("派出人员所在单位意见“基本合格”");
    // The sending county's box goes to 渝北's bureau, not to 云阳's, which signed the other.
    await expect(cardFor("李主任")).resolves.toMatchObject({ title: "考核鉴定表待签署：张灵" });
    const sendingCard = (await cardFor("李主任")).taskId;
    expect((await bot.tap(acct["陈局长"], { taskId: sendingCard, key: "pass", selections: [] })).replies.join()).toContain("只有派出人员所在区县卫生健康行政部门可以签署这一栏");
    expect((await tap("李主任", "pass")).replies.join()).toContain("各方均已签署，考核鉴定表已完成");
    // A second tap on the last card changes nothing.
    expect((await tap("李主任", "fail")).replies.join()).toContain("各方均已签署，无需再签");
    const a = await db.client.assessment.findFirstOrThrow();
    expect(a.submittedAt).not.toBeNull();
    expect(await db.client.auditLog.count({ where: { action: { startsWith: "assessment." } } })).toBe(5);
    // The doctor heard each step.
    const progress = await db.client.notification.findMany({ where: { kind: "assessment_progress" }, orderBy: { id: "asc" } });
    expect(progress.map((n) => (n.payload as { message: { text: string } }).message.text).at(-1)).toBe("您的考核鉴定表：各方均已签署，已完成。");
  });

  it("prints who signed what and when on the form, and the mentees the doctor named", async () => {
    expect(await bot.say(acct["张灵"], "带教+1 王医生")).toContain("已记录：带教 1 人（王医生）");
    await bot.say(acct["张灵"], "昨天 带教+1 李医生");
    const file = await exportForm(db.client, { form: "assessment", format: "xlsx", month: "2021-10" }, EVERYTHING, "Asia/Shanghai");
    const cells = rowsByLabel((await workbook(file.body)).worksheets[0]);
    expect(cells.get("本人对口支援工作总结")![1]).toBe("半年来在江口镇中心卫生院开展教学查房和专题讲座，带教两名医生。");
    expect(cells.get("受援乡镇卫生院考核意见")![1]).toBe("合格　　签字：刘平春　　2021年10月18日");
    expect(cells.get("派出人员所在单位考核意见")![1]).toBe("基本合格　　签字：王院长　　2021年10月18日");
    expect(cells.get("受援区县卫生健康行政部门意见")![1]).toBe("合格　　签字：陈局长　　2021年10月18日");
    expect(cells.get("派出人员所在区县卫生健康行政部门考核意见")![1]).toBe("合格　　签字：李主任　　2021年10月18日");
    expect(cells.get("带教对象")![1]).toBe("王医生、李医生");
  });
});
