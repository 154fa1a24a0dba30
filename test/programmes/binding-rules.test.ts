// Every binding rule of the five presets, driven through every path that changes postings (a first
// import, a second import, create, end, replace) and the daily sweep, on both backends (issue 28). A
// rule the document words 不得/必须 refuses the change and nothing is written; one it words 原则上 is a
// warning to whoever made it; the sweep tells the bureau once of a breach already in the records (a
// roster imported before the rules were applied). Paths that cannot breach a rule are left out of its row.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseProgrammeRules, type ProgrammeRules } from "../../src/domain/programme.js";
import { applyProgramme } from "../../src/services/programme/apply-programme.js";
import { RosterRefused, type ImportSummary } from "../../src/services/programme/import-roster.js";
import { ProgrammeRulesRefused } from "../../src/services/programme/enforce-programme-rules.js";
import { createPosting, type NewPosting } from "../../src/services/postings/create-posting.js";
import { endPosting } from "../../src/services/postings/end-posting.js";
import { replacePosting } from "../../src/services/postings/replace-posting.js";
import type { Breach } from "../../src/domain/judge-programme.js";
import { rulesJob } from "../../src/schedule/jobs/rules.js";
import { runJob } from "../../src/schedule/registry.js";
import { backendName, openTestDatabase, openTestStore, resetDatabase } from "../helpers/backends.js";
import { importCsv } from "../helpers/fixtures.js";
import { scheduleDeps } from "../helpers/schedule.js";

const preset = (file: string): ProgrammeRules => {
  const parsed = parseProgrammeRules(JSON.parse(readFileSync(new URL(`../../templates/programmes/${file}`, import.meta.url), "utf8")));
  if ("problems" in parsed) throw new Error(parsed.problems.join("\n"));
  return parsed.rules;
};

const HEADER = "支援单位,受援单位,姓名,派驻方式,排班,开始日期,结束日期";
type Case = {
  preset: string; rule: string; level: "refuse" | "warn"; message: string; today: string;
  header?: string; base: string[]; breach?: string;
  create?: Omit<NewPosting, "programme">;
  end?: { person: string; on: string; today?: string };
  replace?: { person: string; by: string; from: string; to?: string };
};

const CASES: Case[] = [
  {
    preset: "zhongzhan.json", rule: "每名派驻人员连续驻点时间不得少于 6 个月", level: "refuse", message: "少于项目规定的 6 个月", today: "2022-01-05",
    base: ["中站区人民医院,朱村社区卫生服务中心,甲医生,全脱产,,2022-01-01,2022-12-31"],
    breach: "中站区人民医院,朱村社区卫生服务中心,乙医生,全脱产,,2022-01-01,2022-03-31",
    create: { supportingOrg: "中站区人民医院", recipientOrg: "朱村社区卫生服务中心", person: { name: "乙医生" }, startDate: "2022-01-01", endDate: "2022-03-31", mode: "full_time" },
    end: { person: "甲医生", on: "2022-03-31" },
    replace: { person: "甲医生", by: "丙医生", from: "2022-03-01" },
  },
  {
    preset: "keyouzhong-2023.json", rule: "每人连续驻点帮扶不少于6个月", level: "refuse", message: "少于项目规定的 6 个月", today: "2023-03-05",
    base: ["科尔沁左翼中旗人民医院,巴彦召卫生院,何圆圆,,,2023-03-01,2023-12-31"],
    breach: "科尔沁左翼中旗人民医院,巴彦召卫生院,新医生,,,2023-03-01,2023-05-31",
    create: { supportingOrg: "科尔沁左翼中旗人民医院", recipientOrg: "巴彦召卫生院", person: { name: "新医生" }, startDate: "2023-03-01", endDate: "2023-05-31", mode: "full_time" },
    end: { person: "何圆圆", on: "2023-05-31" },
    replace: { person: "何圆圆", by: "接班医生", from: "2023-05-01" },
  },
  {
    preset: "keyouzhong-2023.json", rule: "保证受援医院全年均有派驻人员驻点帮扶", level: "warn", message: "起没有派驻人员", today: "2023-03-05",
    base: ["科尔沁左翼中旗人民医院,巴彦召卫生院,何圆圆,,,2023-03-01,2023-12-31"],
    breach: "科尔沁左翼中旗人民医院,希伯花中心卫生院,朱德雨,,,2023-06-01,2023-12-31",
    end: { person: "何圆圆", on: "2023-10-31" },
  },
  {
    preset: "yanchi-2023.json", rule: "一年内每个岗位可轮换2人", level: "refuse", message: "一年内派驻 3 人，超过项目允许的 2 人", today: "2023-06-05",
    base: ["盐池县人民医院,花马池镇中心卫生院,甲医生,全脱产,,2023-06-01,2023-09-30", "盐池县人民医院,花马池镇中心卫生院,乙医生,全脱产,,2023-10-01,2024-01-31"],
    breach: "盐池县人民医院,花马池镇中心卫生院,丙医生,全脱产,,2024-02-01,2024-05-31",
    create: { supportingOrg: "盐池县人民医院", recipientOrg: "花马池镇中心卫生院", person: { name: "丙医生" }, startDate: "2024-02-01", endDate: "2024-05-31", mode: "full_time" },
    replace: { person: "乙医生", by: "丙医生", from: "2024-01-01" },
  },
  {
    preset: "yanchi-2023.json", rule: "原则上采取半脱产方式支援的人员不超过支援总人数的10%", level: "warn", message: "的比例超过项目规定的 10%", today: "2023-06-05",
    base: ["盐池县人民医院,花马池镇中心卫生院,甲医生,全脱产,,2023-06-01,2024-05-31"],
    breach: "盐池县人民医院,花马池镇中心卫生院,半医生,半脱产,周一、周三、周五,2023-06-01,2024-05-31",
    create: { supportingOrg: "盐池县人民医院", recipientOrg: "花马池镇中心卫生院", person: { name: "半医生" }, startDate: "2023-06-01", endDate: "2024-05-31", mode: "part_time", weekdays: [1, 3, 5] },
  },
  {
    preset: "yanchi-2023.json", rule: "由基层医疗机构为派驻人员排班（每周不少于 3天）", level: "warn", message: "半脱产每周只排班 2 天", today: "2023-06-05",
    base: ["盐池县人民医院,花马池镇中心卫生院,甲医生,全脱产,,2023-06-01,2024-05-31", ...Array.from({ length: 10 }, (_, i) => `盐池县中医医院,青山乡卫生院,医生${i},全脱产,,2023-06-01,2024-05-31`)],
    breach: "盐池县人民医院,花马池镇中心卫生院,半医生,半脱产,周一、周三,2023-06-01,2024-05-31",
    create: { supportingOrg: "盐池县人民医院", recipientOrg: "花马池镇中心卫生院", person: { name: "半医生" }, startDate: "2023-06-01", endDate: "2024-05-31", mode: "part_time", weekdays: [1, 3] },
  },
  {
    preset: "yanchi-2023.json", rule: "每人下基层服务时间为6个月", level: "warn", message: "少于项目规定的 6 个月", today: "2023-06-05",
    base: ["盐池县人民医院,花马池镇中心卫生院,甲医生,全脱产,,2023-06-01,2024-05-31"],
    breach: "盐池县人民医院,花马池镇中心卫生院,乙医生,全脱产,,2023-06-01,2023-09-30",
    create: { supportingOrg: "盐池县人民医院", recipientOrg: "花马池镇中心卫生院", person: { name: "乙医生" }, startDate: "2023-06-01", endDate: "2023-09-30", mode: "full_time" },
    end: { person: "甲医生", on: "2023-09-30" },
    replace: { person: "甲医生", by: "丙医生", from: "2023-09-01" },
  },
  {
    preset: "yubei-2021.json", rule: "原则上一个支援期（半年）内不得更换支援队员", level: "warn", message: "少于项目规定的 6 个月", today: "2021-05-05",
    base: ["渝北区中医院,云阳县江口镇中心卫生院,张灵,,,2021-05-01,2021-10-31"],
    breach: "渝北区中医院,云阳县江口镇中心卫生院,后到医生,,,2021-08-01,",
    create: { supportingOrg: "渝北区中医院", recipientOrg: "云阳县江口镇中心卫生院", person: { name: "后到医生" }, startDate: "2021-08-01", mode: "full_time" },
    end: { person: "张灵", on: "2021-07-31" },
    replace: { person: "张灵", by: "刘新", from: "2021-07-01" },
  },
  {
    preset: "mingxi-2018.json", rule: "名单及选派人数", level: "warn", message: "应选派 1 名医师，现在派驻 0 名", today: "2018-03-10",
    header: "县级医院,受援卫生院,选派医师数,姓名,开始日期,结束日期",
    base: ["明溪县医院,盖洋中心卫生院,1,甲医生,2018-03-01,2020-02-28"],
    breach: "明溪县医院,枫溪卫生院,1,,,",
    end: { person: "甲医生", on: "2018-09-30", today: "2018-10-08" },
  },
];

describe(`every binding rule on every path (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const store = openTestStore();
  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(async () => (await store.close(), await db.close()));

  /** A fresh database: the bureau's admin, the preset applied (or not yet), and the case's base roster. */
  async function start(c: Case, o: { rules: boolean; rows: string[] }): Promise<ProgrammeRules> {
    await resetDatabase(db);
    const rules = preset(c.preset);
    const bureau = await db.client.organization.create({ data: { name: "卫生健康局", kind: "authority" } });
    await db.client.person.create({ data: { name: "局管理员", organizationId: bureau.id, role: "admin" } });
    if (o.rules) await applyProgramme(db.client, rules, "test");
    if (o.rows.length > 0) await importCsv(db, [c.header ?? HEADER, ...o.rows].join("\n"), { programme: rules.name, today: c.today, create: !o.rules });
    return rules;
  }
  const state = async () => JSON.stringify(await db.client.posting.findMany({ orderBy: { id: "asc" }, select: { personId: true, status: true, startDate: true, endDate: true } }));
  const postingOf = (name: string) => db.client.posting.findFirstOrThrow({ where: { person: { name } } });

  /** The change refused with the message and nothing written, or made with the message as a warning. */
  async function expectJudged(c: Case, change: () => Promise<{ warnings: string[] }>) {
    const before = await state();
    const outcome = await change().then((r) => r, (e: unknown) => e);
    if (c.level === "refuse") {
      const messages = outcome instanceof RosterRefused ? outcome.refused.map((r) => r.message) : outcome instanceof ProgrammeRulesRefused ? outcome.breaches.map((b) => b.message) : [];
      expect(messages).toContainEqual(expect.stringContaining(c.message));
      expect(await state()).toBe(before);
    } else {
      expect(outcome).not.toBeInstanceOf(Error);
      expect((outcome as { warnings: string[] }).warnings).toContainEqual(expect.stringContaining(c.message));
    }
  }
  const fromImport = (s: ImportSummary) => ({ warnings: s.warnings.map((w) => w.message) });
  const fromChange = (r: { warnings: Breach[] }) => ({ warnings: r.warnings.map((w) => w.message) });

  for (const c of CASES) {
    describe(`${c.preset.replace(".json", "")}: ${c.rule} (${c.level === "refuse" ? "不得" : "原则上"})`, () => {
      if (c.breach) {
        it("on a first import", async () => {
          const rules = await start(c, { rules: true, rows: [] });
          await expectJudged(c, async () => fromImport(await importCsv(db, [c.header ?? HEADER, ...c.base, c.breach!].join("\n"), { programme: rules.name, today: c.today })));
        });
        it("on a second import", async () => {
          const rules = await start(c, { rules: true, rows: c.base });
          await expectJudged(c, async () => fromImport(await importCsv(db, [c.header ?? HEADER, c.breach!].join("\n"), { programme: rules.name, today: c.today })));
        });
      }
      if (c.create) {
        it("on create (POST /api/postings)", async () => {
          const rules = await start(c, { rules: true, rows: c.base });
          await expectJudged(c, async () => fromChange(await createPosting(db.client, { programme: rules.name, ...c.create! }, "test", c.today)));
        });
      }
      if (c.end) {
        it("on end (POST /api/postings/:id/end)", async () => {
          await start(c, { rules: true, rows: c.base });
          const p = await postingOf(c.end!.person);
          await expectJudged(c, async () => fromChange(await endPosting(db.client, p.id, { endedOn: c.end!.on }, "test", c.end!.today ?? c.today)));
        });
      }
      if (c.replace) {
        it("on replace (POST /api/postings/:id/replace)", async () => {
          await start(c, { rules: true, rows: c.base });
          const p = await postingOf(c.replace!.person);
          await expectJudged(c, async () => fromChange(await replacePosting(db.client, p.id, { person: { name: c.replace!.by }, startDate: c.replace!.from, endDate: c.replace!.to, approvalNote: "批准" }, "test", c.today)));
        });
      }
      it("in the daily sweep, once, for a breach already in the records when the rules were applied", async () => {
        const rules = await start(c, { rules: false, rows: c.breach ? [...c.base, c.breach] : c.base });
        if (!c.breach && c.end) await endPosting(db.client, (await postingOf(c.end.person)).id, { endedOn: c.end.on }, "test", c.end.today ?? c.today);
        await applyProgramme(db.client, rules, "test");
        const day = c.end?.today && !c.breach ? c.end.today : c.today;
        const sweep = async () => {
          await runJob(scheduleDeps(db, store), rulesJob, new Date(`${day}T09:00:00+08:00`));
          return (await db.client.notification.findMany({ where: { kind: "rules_drift" } })).filter((n) => (n.payload as { message: { text: string } }).message.text.includes(c.message));
        };
        expect(await sweep()).toHaveLength(1);
        expect(await sweep()).toHaveLength(1);
      });
    });
  }
});
