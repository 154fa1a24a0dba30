// Issue 28's "found wrong", each pinned by a test that failed before its fix.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowanceFor } from "../../src/domain/allowance.js";
import { parseProgrammeRules, type ProgrammeRules } from "../../src/domain/programme.js";
import { applyProgramme } from "../../src/services/programme/apply-programme.js";
import { findDigestLeaders } from "../../src/services/people/find-digest-leaders.js";
import { buildDigest } from "../../src/schedule/jobs/digest.js";
import { backendName, openTestDatabase, resetDatabase } from "../helpers/backends.js";
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

describe(`the digest's overdue meetings (${backendName})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => void (db = await openTestDatabase()));
  afterAll(async () => db.close());

  it("names no quarterly meeting overdue for a programme whose document asks for none (科左中旗)", async () => {
    await resetDatabase(db);
    await applyProgramme(db.client, preset("keyouzhong-2023.json"), "test");
    await importCsv(db, ["支援单位,受援单位,姓名,开始日期,结束日期", "科尔沁左翼中旗人民医院,巴彦召卫生院,何圆圆,2023-03-01,2023-12-31"].join("\n"), { programme: "科左中旗" });
    const hospital = await db.client.organization.findUniqueOrThrow({ where: { name: "科尔沁左翼中旗人民医院" } });
    await db.client.person.create({ data: { name: "院长", organizationId: hospital.id, role: "leader" } });
    const [leader] = await findDigestLeaders(db.client, "2023-06-19");
    const digest = await buildDigest(db.client, leader, "2023-06-19", "Asia/Shanghai");
    expect(digest).toBeDefined();
    expect(JSON.stringify(digest)).not.toContain("本季度会议");
  });
});
