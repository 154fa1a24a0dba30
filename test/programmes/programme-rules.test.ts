// The programme documents as rules: the five presets, applied to their rosters, refuse or warn on the
// breaches their documents name and give the reminders they imply on the right days.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseProgrammeRules, type ProgrammeRules } from "../../src/domain/programme.js";
import { applyProgramme } from "../../src/services/programme/apply-programme.js";
import { answerArrival } from "../../src/services/postings/answer-arrival.js";
import { RosterRefused } from "../../src/services/programme/import-roster.js";
import { arrivalJob } from "../../src/schedule/jobs/arrival.js";
import { meetingJob, visitJob } from "../../src/schedule/jobs/meetings.js";
import { reportJob } from "../../src/schedule/jobs/reports.js";
import { trainingJob } from "../../src/schedule/jobs/training.js";
import { runJob } from "../../src/schedule/registry.js";
import { describeProgramme } from "../../src/templates/programme-text.js";
import { exportForm } from "../../src/forms/export.js";
import { EVERYTHING } from "../../src/services/where.js";
import { rowsByLabel, workbook } from "../helpers/xlsx.js";
import { backendName, openTestDatabase, openTestStore, resetDatabase } from "../helpers/backends.js";
import { createTestBot, linkAccount } from "../helpers/bot.js";
import { importCsv, importSeed } from "../helpers/fixtures.js";
import { addLeaders, scheduleDeps } from "../helpers/schedule.js";

const PRESETS = new URL("../../templates/programmes/", import.meta.url);
const preset = (file: string): ProgrammeRules => {
  const parsed = parseProgrammeRules(JSON.parse(readFileSync(new URL(file, PRESETS), "utf8")));
  if ("problems" in parsed) throw new Error(parsed.problems.join("\n"));
  return parsed.rules;
};
const at = (day: string, time = "09:00") => new Date(`${day}T${time}:00+08:00`);

describe("programme definitions", () => {
  it("ships the five documents as presets, each rule with the sentence it encodes", () => {
    const files = readdirSync(PRESETS).sort();
    expect(files).toEqual(["keyouzhong-2023.json", "mingxi-2018.json", "yanchi-2023.json", "yubei-2021.json", "zhongzhan.json"]);
    for (const file of files) {
      const rules = preset(file);
      const text = describeProgramme(rules).join("\n");
      expect(text).toContain(rules.document);
      // Every rule line is followed by its clause.
      expect(text.split("\n").filter((l) => l.startsWith("　依据：“")).length).toBeGreaterThan(0);
    }
    expect(preset("zhongzhan.json").targets).toContainEqual(expect.objectContaining({ metric: "outpatient_half_days", minimum: 3, period: "week" }));
    expect(preset("keyouzhong-2023.json").posting).toMatchObject({ minMonths: 6, level: "refuse" });
    expect(preset("yubei-2021.json").posting).toMatchObject({ minMonths: 6, level: "warn" }); // 原则上
  });

  it("names every problem of a definition by its path", () => {
    const parsed = parseProgrammeRules({ name: "x", document: "d", title: "t", cycle: { start: "2021-05-01", end: "2021-04-01", clause: "c" }, targets: [{ metric: "nope", minimum: 1, period: "week", clause: "c" }], extra: 1 });
    expect("problems" in parsed && parsed.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^cycle/), expect.stringMatching(/^targets\.0\.metric: /), expect.stringMatching(/extra/),
    ]));
  });

  it("reads a yearly cycle (中站: every calendar year) and a fixed one", () => {
    const text = describeProgramme(preset("zhongzhan.json")).join("\n");
    expect(text).toContain("支援周期：每年 01-01 起一年");
    expect(text).toContain("目标：门诊半天 不少于 3 个半天（每周，全脱产、半脱产）");
    expect(text).toContain("目标：门诊半天 不少于 2 个半天（每周，巡诊）");
    expect(text).toContain("【不符合时拒绝】");
  });
});

describe(`programme rules on records and reminders (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(async () => (await store.close(), await db.close()));

  describe("渝北 2021", () => {
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      await startProgramme("yubei-2021.json");
      await importSeed(db, "yubei-2021-postings", { programme: "渝北2021" });
      Object.assign(ids, await addLeaders(db));
      const third = await db.client.organization.findUniqueOrThrow({ where: { name: "重医大附三院" } });
      ids["何院长"] = (await db.client.person.create({ data: { name: "何院长", organizationId: third.id, role: "leader" } })).id;
      await linkAccount(db, "何院长", "acct-he");
    });

    it("escalates on the first working day after the document's arrival date (05-06, after 劳动节) for a doctor not confirmed by then", async () => {
      for (const p of await db.client.posting.findMany({ include: { person: true, pairing: true } })) {
        if (p.person.name === "黄程") continue;
        const { outcome } = await answerArrival(db.client, { postingId: p.id, answer: "arrived", personId: p.pairing!.contactPersonId!, at: at("2021-04-30") });
        expect(outcome).toBe("done");
      }
      const deps = scheduleDeps(db, store);
      const run = await runJob(deps, arrivalJob, at("2021-05-06"));
      const overdue = run.emitted.filter((e) => e.kind === "arrival_overdue");
      expect(overdue.map((e) => e.recipient).sort()).toEqual(["李主任", "王院长", "赵科员", "陈局长"].sort());
      const huang = await db.client.posting.findFirstOrThrow({ where: { person: { name: "黄程" } } });
      expect(overdue.every((e) => e.subject.startsWith(`posting:${huang.id}:`))).toBe(true);
    });

    it("counts visits over the programme's May–October cycle, not the calendar, and each hospital's for that hospital only", async () => {
      const deps = scheduleDeps(db, store);
      expect((await runJob(deps, visitJob, at("2021-05-31"))).emitted).toEqual([]); // the calendar's half-year would have reminded
      // 重医大附三院's leader visits 江口镇: that clears 重医大附三院's duty there, not 渝北区中医院's.
      const bot = createTestBot(db, store, "2021-09-20T10:00:00+08:00");
      expect(await bot.say("acct-he", "督导 9月20日 江口镇中心卫生院 检查门诊")).toContain("已记录督导");
      const run = await runJob(deps, visitJob, at("2021-10-01"));
      const bureau = run.emitted.filter((e) => e.subject.includes(":bureau:"));
      expect(new Set(bureau.map((e) => e.recipient))).toEqual(new Set(["陈局长", "赵科员"]));
      expect(new Set(bureau.map((e) => e.subject.split(":person:")[0])).size).toBe(8); // every clinic of the programme
      expect(run.emitted.filter((e) => e.recipient === "王院长" && e.subject.includes(":hospital_leader:"))).toHaveLength(3);
      // The 针灸科 head answers for 针灸科 only (黄程 at 泥溪镇); the other departments' duties, with no head
      // registered, go to the hospital's leadership, not to another department's head.
      expect(run.emitted.filter((e) => e.recipient === "李主任" && e.subject.includes(":dept_head:"))).toHaveLength(1);
      expect(run.emitted.filter((e) => e.recipient === "王院长" && e.subject.includes(":dept_head:"))).toHaveLength(2);
      const [jiangkou, third, yubei] = await Promise.all(["云阳县江口镇中心卫生院", "重医大附三院", "渝北区中医院"].map((name) => db.client.organization.findUniqueOrThrow({ where: { name } })));
      const atJiangkou = run.emitted.filter((e) => e.subject.startsWith(`clinic:${jiangkou.id}:org:`) && e.subject.includes(":hospital_leader:"));
      expect(atJiangkou.some((e) => e.subject.includes(`:org:${third.id}:`))).toBe(false);
      expect(atJiangkou.filter((e) => e.subject.includes(`:org:${yubei.id}:`)).map((e) => e.recipient)).toEqual(["王院长"]);
      expect(run.emitted.filter((e) => e.recipient === "何院长" && e.subject.includes(":hospital_leader:"))).toHaveLength(4); // 重医大附三院's other four clinics
    });
  });

  describe("科左中旗 2023", () => {
    const roster = (start: string, end: string, late?: string) => [
      "二级医院名称,基层卫生院名称,需帮扶项目,下派人员姓名,开始日期,结束日期",
      `科尔沁左翼中旗人民医院,巴彦召卫生院,蒙医,何圆圆,${start},${end}`,
      `科尔沁左翼中旗人民医院,希伯花中心卫生院,外科,朱德雨,${late ?? start},${end}`,
    ].join("\n");

    beforeAll(async () => {
      await startProgramme("keyouzhong-2023.json");
    });

    it("sends no quarterly-meeting reminder: its document asks for none", async () => {
      await importCsv(db, roster("2023-03-01", "2023-12-31"), { programme: "科左中旗" });
      await addAdmin();
      expect((await runJob(scheduleDeps(db, store), meetingJob, at("2023-06-10"), { dryRun: true })).emitted).toEqual([]);
      await startProgramme("keyouzhong-2023.json");
    });

    it("refuses a posting shorter than six months (不少于6个月), naming the row, and writes nothing", async () => {
      const refused = await importCsv(db, roster("2023-03-01", "2023-04-30"), { programme: "科左中旗" }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RosterRefused);
      expect((refused as RosterRefused).refused).toEqual([
        { row: 2, message: expect.stringContaining("何圆圆 派驻 2023-03-01 至 2023-04-30，约 2 个月，少于项目规定的 6 个月") },
        { row: 3, message: expect.stringContaining("朱德雨") },
      ]);
      expect(await db.client.posting.count()).toBe(0);
      expect(await db.client.organization.count()).toBe(0);
    });

    it("warns when a clinic is left without anyone posted for part of the cycle (全年均有派驻人员)", async () => {
      const summary = await importCsv(db, roster("2023-03-01", "2023-12-31", "2023-05-01"), { programme: "科左中旗" });
      expect(summary.postings.created).toBe(2);
      expect(summary.warnings).toEqual([{ row: 3, message: expect.stringContaining("希伯花中心卫生院 自 2023-03-01 起没有派驻人员") }]);
    });

    it("reminds a hospital behind on its training duty (每年培养至少3名骨干) 60 days before the year is out, per clinic", async () => {
      const hospital = await db.client.organization.findUniqueOrThrow({ where: { name: "科尔沁左翼中旗人民医院" } });
      await db.client.person.create({ data: { name: "包院长", organizationId: hospital.id, role: "leader" } });
      await linkAccount(db, "包院长", "acct-bao");
      const due = async (day: string) => (await runJob(scheduleDeps(db, store), trainingJob, at(day), { dryRun: true })).emitted.map((e) => [e.recipient, e.subject.split(":clinic:")[1].split(":")[0]]);
      expect(await due("2023-10-31")).toEqual([]);
      const clinics = await db.client.organization.findMany({ where: { kind: "recipient" }, orderBy: { name: "asc" } });
      expect((await due("2023-11-01")).length).toBe(2);
      const bot = createTestBot(db, store, "2023-11-02T10:00:00+08:00");
      expect(await bot.say("acct-bao", "进修 3人 巴彦召卫生院 内科")).toContain("已记录培训：巴彦召卫生院 3 人");
      const left = await due("2023-11-02");
      expect(left).toEqual([["包院长", String(clinics.find((c) => c.name === "希伯花中心卫生院")!.id)]]);
    });
  });

  /** A fresh database with a preset applied and, when given, a roster of `lines` imported into it. */
  async function startProgramme(file: string, lines?: string[]): Promise<void> {
    await resetDatabase(db);
    const rules = preset(file);
    await applyProgramme(db.client, rules, "test");
    if (lines) await importCsv(db, lines.join("\n"), { programme: rules.name });
  }

  /** The bureau's admin, who hears every reminder nobody else is registered for. */
  async function addAdmin(): Promise<number> {
    const bureau = await db.client.organization.create({ data: { name: "卫生健康局", kind: "authority" } });
    return (await db.client.person.create({ data: { name: "管理员", organizationId: bureau.id, role: "admin" } })).id;
  }
  const texts = async (kind: string) => (await db.client.notification.findMany({ where: { kind }, orderBy: { id: "asc" } })).map((n) => (n.payload as { message: { text: string } }).message.text);

  describe("明溪 2018", () => {
    beforeAll(async () => {
      await startProgramme("mingxi-2018.json");
      await importSeed(db, "mingxi-2018-pairings", { programme: "明溪" });
      await addAdmin();
    });

    it("reminds a week before the filing deadlines (名单 and 协议 by 03-31), and says when it goes out", async () => {
      expect((await runJob(scheduleDeps(db, store), reportJob, at("2018-03-23"))).emitted).toEqual([]);
      const dry = await runJob(scheduleDeps(db, store), reportJob, at("2018-03-24", "22:30"), { dryRun: true });
      // A Saturday night: held to Monday morning.
      expect(new Set(dry.emitted.map((e) => e.dueAt.toISOString()))).toEqual(new Set([at("2018-03-26", "08:00").toISOString()]));
      // A dry run says which went to the admin instead of a hospital's leaders, and why.
      expect(dry.emitted.filter((e) => e.instead === "（明溪县医院 没有登记领导，转给管理员）")).toHaveLength(2);
      const run = await runJob(scheduleDeps(db, store), reportJob, at("2018-03-24"));
      expect(run.emitted.every((e) => e.recipient === "管理员")).toBe(true);
      const sent = await texts("report_due");
      expect(sent.some((t) => t.startsWith("【报送】明溪：对口支援人员名单报县卫计局医政与中医药股备案，应于 3月31日 前完成"))).toBe(true);
      expect(sent.some((t) => t.includes("签订对口支援协议书"))).toBe(true);
      // 明溪县医院 and 明溪县中医院 have no leader registered: the admin hears it, with why.
      expect(sent.filter((t) => t.startsWith("【无人接收】明溪县医院 没有登记领导"))).toHaveLength(2);
      expect((await runJob(scheduleDeps(db, store), reportJob, at("2018-03-25"))).emitted).toEqual([]); // once
    });
  });

  describe("中站 (a yearly cycle)", () => {
    const roster = (end: string) => [
      "支援单位,受援单位,姓名,开始日期,结束日期",
      `中站区人民医院,龙洞社区卫生服务中心,王医生,2022-01-01,${end}`,
    ].join("\n");
    beforeAll(async () => {
      await startProgramme("zhongzhan.json");
      await addAdmin();
    });

    it("refuses a posting under six months (不得少于 6 个月) and takes one of a year", async () => {
      await expect(importCsv(db, roster("2022-03-31"), { programme: "中站" })).rejects.toBeInstanceOf(RosterRefused);
      expect((await importCsv(db, roster("2022-12-31"), { programme: "中站" })).postings.created).toBe(1);
    });

    it("reminds the quarterly statistics, the half-year evaluation and the Q4 summary in their weeks", async () => {
      const kinds = async (day: string) => (await runJob(scheduleDeps(db, store), reportJob, at(day), { dryRun: true })).emitted.map((e) => e.subject.split(":org:")[0].split(":person:")[0]);
      const programme = await db.client.programme.findUniqueOrThrow({ where: { name: "中站" } });
      const report = (i: number) => `programme:${programme.id}:report:${i}`;
      expect(await kinds("2022-03-23")).toEqual([]);
      expect(new Set(await kinds("2022-03-24"))).toEqual(new Set([report(0)]));
      expect(new Set(await kinds("2022-06-25"))).toEqual(new Set([report(0), report(1)]));
      expect(new Set(await kinds("2022-12-26"))).toEqual(new Set([report(0), report(1), report(2)]));
    });
  });

  describe("盐池 2023", () => {
    beforeAll(async () => {
      await startProgramme("yanchi-2023.json", [
        "支援单位,受援单位,受援单位联系人,姓名,开始日期,结束日期",
        "盐池县人民医院,大水坑镇中心卫生院,刘培生,马医生,2023-06-01,2024-05-31",
      ]);
      await addAdmin();
    });

    it("escalates arrival after the document's 06-09 (the next working day, 06-12) and reminds the year's plan due that day", async () => {
      const arrival = async (day: string) => (await runJob(scheduleDeps(db, store), arrivalJob, at(day), { dryRun: true })).emitted.filter((e) => e.kind === "arrival_overdue");
      expect(await arrival("2023-06-09")).toEqual([]);
      expect((await arrival("2023-06-12")).map((e) => e.recipient)).toEqual(["管理员"]);
      const plan = (await runJob(scheduleDeps(db, store), reportJob, at("2023-06-02"), { dryRun: true })).emitted;
      expect(plan.length).toBeGreaterThan(0);
    });

    it("warns on a part-time posting with too few days and on too many part-time postings (原则上)", async () => {
      const summary = await importCsv(db, [
        "支援单位,受援单位,姓名,派驻方式,排班,开始日期,结束日期",
        "盐池县中医医院,青山乡卫生院,周医生,半脱产,周一、周三,2023-06-01,2024-05-31",
        "盐池县中医医院,王乐井乡卫生院,吴医生,全脱产,,2023-06-01,2024-05-31",
      ].join("\n"), { programme: "盐池2023" });
      expect(summary.postings.created).toBe(2);
      expect(summary.warnings.map((w) => w.message)).toEqual([
        expect.stringContaining("周医生 半脱产每周只排班 2 天，少于项目规定的 3 天"),
        // Counted over the whole programme (the one posting the programme already had, and these two), not the file alone.
        expect.stringContaining("半脱产 1 人，占派驻总人数 3 人的比例超过项目规定的 10%"),
      ]);
      const part = await db.client.posting.findFirstOrThrow({ where: { person: { name: "周医生" } } });
      expect([part.mode, part.scheduledWeekdays]).toEqual(["part_time", [1, 3]]);
    });

    it("refuses a third person through one post in a year (一年内每个岗位可轮换2人), writing nothing", async () => {
      const before = await db.client.posting.count();
      const refused = await importCsv(db, [
        "支援单位,受援单位,姓名,开始日期,结束日期",
        "盐池县人民医院,花马池镇中心卫生院,甲医生,2023-06-01,2023-09-30",
        "盐池县人民医院,花马池镇中心卫生院,乙医生,2023-10-01,2024-01-31",
        "盐池县人民医院,花马池镇中心卫生院,丙医生,2024-02-01,2024-05-31",
      ].join("\n"), { programme: "盐池2023" }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RosterRefused);
      expect((refused as RosterRefused).refused).toEqual([{ row: 4, message: expect.stringContaining("盐池县人民医院 在 花马池镇中心卫生院 的岗位一年内派驻 3 人，超过项目允许的 2 人") }]);
      expect(await db.client.posting.count()).toBe(before);
    });

    it("totals the document's allowance on the quarterly form: township clinics only, pro-rated by day", async () => {
      await importCsv(db, ["支援单位,受援单位,姓名,开始日期,结束日期", "盐池县人民医院,城关社区卫生服务中心,钱医生,2023-06-01,2024-05-31"].join("\n"), { programme: "盐池2023" });
      const file = await exportForm(db.client, { form: "quarterly", format: "xlsx", quarter: "2023Q3" }, EVERYTHING, "Asia/Shanghai");
      const summary = (await workbook(file.body)).getWorksheet("成效汇总_盐池2023")!;
      const row = rowsByLabel(summary).get("派驻补助（元，按文件标准折算）")!;
      // Three township postings (大水坑镇, 青山乡, 王乐井乡) × 1.5万元 × 92/365 days; 城关社区 earns none.
      expect(row.slice(0, 2)).toEqual(["派驻补助（元，按文件标准折算）", 3 * Math.round((15000 * 92) / 365)]);
    });

    it("says how its part-time and rotation rules read, with the clause", () => {
      const text = describeProgramme(preset("yanchi-2023.json")).join("\n");
      expect(text).toContain("半脱产每周不少于 3 天【不符合时提醒】");
      expect(text).toContain("半脱产人数不超过派驻总人数的 10%");
      expect(text).toContain("每个岗位一年内最多轮换 2 人，每人 6 个月");
      expect(text).toContain("补助：每人每年 15000 元（仅派驻乡镇卫生院）");
    });
  });

  describe("渝北 附件1 考核鉴定表", () => {
    beforeAll(() => startProgramme("yubei-2021.json", [
      "支援单位,受援单位,需帮扶项目,姓名,性别,民族,出生年月,最高学历,所学专业,现从事专业,现任专业技术职务,聘任时间,科室,开始日期,结束日期",
      "渝北区中医院,云阳县江口镇中心卫生院,妇产科、儿科,张灵,女,汉族,1985.03,本科,临床医学,妇产科,主治医师,2016.09,妇产科,2021-05-01,2021-10-31",
    ]));

    it("carries every field of the attachment and its four sign-offs under the document's own title, cell by cell", async () => {
      const file = await exportForm(db.client, { form: "assessment", format: "xlsx", month: "2021-10" }, EVERYTHING, "Asia/Shanghai");
      const cells = rowsByLabel((await workbook(file.body)).worksheets[0]);
      expect(cells.get("2021年重庆市二级及以上医疗卫生机构对口支援贫困乡镇卫生院医疗队员考核鉴定表")).toBeDefined();
      expect(cells.get("姓名")).toEqual(["姓名", "张灵", "性别", "女", "民族", "汉族"]);
      expect(cells.get("出生年月")).toEqual(["出生年月", "1985.03", "最高学历", "本科", "所学专业", "临床医学"]);
      expect(cells.get("工作单位")).toEqual(["工作单位", "渝北区中医院", "渝北区中医院", "现从事专业", "妇产科", "妇产科"]);
      expect(cells.get("现任专业技术职务")).toEqual(["现任专业技术职务", "主治医师", "主治医师", "聘任时间", "2016.09", "2016.09"]);
      expect(cells.get("对口支援单位")![1]).toBe("云阳县江口镇中心卫生院");
      expect(cells.get("对口支援主要任务")![1]).toBe("妇产科、儿科");
      expect(String(cells.get("对口支援起止时间")![1])).toContain("2021.05.01");
      expect(cells.get("本人对口支援工作总结")![1]).toBe("");
      const signoffs = [...cells.keys()].filter((k) => k.endsWith("意见"));
      expect(signoffs).toEqual(["受援乡镇卫生院考核意见", "受援区县卫生健康行政部门意见", "派出人员所在单位考核意见", "派出人员所在区县卫生健康行政部门考核意见"]);
      for (const label of signoffs) expect(cells.get(label)![1]).toBe("（签字盖章）　　　　年　　月　　日");
    });

    it("prints 附件2 as the document does: one form per team and clinic, 项目 | 帮扶内容 | 帮扶结果, the twelve rows, the 备注 line", async () => {
      const zhang = await db.client.posting.findFirstOrThrow({ where: { person: { name: "张灵" } } });
      const entry = (metric: "rounds" | "specialties", quantity: number, day: string, label?: string) =>
        db.client.workloadEntry.create({ data: { postingId: zhang.id, personId: zhang.personId, metric, quantity, label, occurredOn: new Date(`${day}T00:00:00Z`), source: "cli", rawText: "t" } });
      await entry("rounds", 3, "2021-05-20");
      await entry("rounds", 2, "2021-06-10");
      await entry("specialties", 1, "2021-06-11", "中医康复");
      const file = await exportForm(db.client, { form: "monthly", format: "xlsx", month: "2021-06" }, EVERYTHING, "Asia/Shanghai");
      const book = await workbook(file.body);
      expect(book.worksheets.map((w) => w.name)).toEqual(["工作量统计报告表", "月报表", "汇总"]);
      const sheet = book.getWorksheet("工作量统计报告表")!;
      const cell = (r: number, c: number) => sheet.getRow(r).getCell(c).value;
      expect(cell(1, 1)).toBe("2021年重庆市二级及以上医疗卫生机构对口支援县乡镇卫生院医疗团队开展工作量统计报告表（2021年6月）");
      expect(cell(2, 1)).toBe("支援医疗团队（单位或个人）：渝北区中医院　　　　受援乡镇卫生院：云阳县江口镇中心卫生院（盖章）");
      expect([cell(3, 1), cell(3, 2), cell(3, 3)]).toEqual(["项目", "帮扶内容", "帮扶结果"]);
      const rows = Array.from({ length: 12 }, (_, i) => [cell(4 + i, 1), cell(4 + i, 2), cell(4 + i, 3)]);
      expect(rows[0]).toEqual(["半年工作情况小结", "诊疗病人（人次）", 0]);
      expect(rows.map((r) => r[1])).toEqual([
        "诊疗病人（人次）", "开展手术（例）", "教学查房（次）", "巡回诊疗（次）", "开展讲座（次）", "培训人数（人次）", "建设特色科室（个/特色科室名称）",
        "培育适宜技术（项）", "建立完善相关制度（项）", "开展健康教育宣传（次）", "援助设备、药品等（万元）", "开展的其它项目",
      ]);
      expect(rows[2][2]).toBe(5); // the half-year to June's end: May's 3 and June's 2
      expect(rows[6][2]).toBe("1（中医康复）");
      expect(cell(16, 1)).toBe("备注：如受援单位只有一名支医人员，填写内容为个人实际完成工作量，支医工作结束后同考核鉴定表一同交卫健委医政科");
    });
  });
});
