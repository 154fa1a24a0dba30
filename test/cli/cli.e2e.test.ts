// The README's demo, end to end through the real CLI: import a seed roster, then chat from a pipe.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cell, row, ROSTER_HEADER, rosterRows, workbookWith } from "../helpers/crafted-xlsx.js";
import { dayjs } from "../../src/infra/time.js";
import { seed } from "../helpers/fixtures.js";
import { isolatedEnv, runCli } from "../helpers/processes.js";

describe("CLI", () => {
  const env = isolatedEnv();
  const today = dayjs().tz("Asia/Shanghai");
  const start = today.subtract(30, "day").format("YYYY-MM-DD");
  const end = today.add(300, "day").format("YYYY-MM-DD");

  it("migrates", async () => {
    const run = await runCli(["migrate"], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/已执行数据库迁移|数据库已是最新/);
  });

  it("imports a seed roster and reports a second import as nothing new", async () => {
    const first = await runCli(["import", "--create", seed("keyouzhong-2023-pairings"), "--start", start, "--end", end], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("派驻：新建 61，更新 0，未变 0");
    expect(first.stdout).toContain("夏宝平 同时派驻");
    const second = await runCli(["import", "--create", seed("keyouzhong-2023-pairings"), "--start", start, "--end", end], { env });
    expect(second.stdout).toContain("没有变化");
  });

  it("rejects a file it cannot read with a clear message and a non-zero exit", async () => {
    const run = await runCli(["import", "--create", "/nonexistent/roster.csv"], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("导入失败，未写入任何数据");
  });

  it("refuses a crafted XLSX (a cell in column XFD) with the bound it met and a non-zero exit, writing nothing", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "duikou-")), "roster.xlsx");
    writeFileSync(file, workbookWith(rosterRows([ROSTER_HEADER]) + row(2, cell("A2", "县医院") + cell("XFD2", "x"))));
    const run = await runCli(["import", "--create", file, "--program", "hostile"], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("超出了名单的列数上限（最多 64 列）");
  });

  it("chats from a pipe: two lines in, two replies out, exit 0", async () => {
    const run = await runCli(["chat", "--as", "何圆圆"], { env, input: "讲座+1 查房+3\n本月\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("已记录：讲座 1 次、查房 3 次。");
    expect(run.stdout).toContain("何圆圆，");
    expect(run.stdout).toContain("本月：查房 3，讲座 1。");
  });

  it("says who is unknown", async () => {
    const run = await runCli(["chat", "--as", "无名氏"], { env, input: "" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("名单中没有「无名氏」");
  });

  it("sets and lists targets", async () => {
    const run = await runCli(["targets", "set", "keyouzhong-2023-pairings", "lectures=5/half_year", "rounds=20/half_year"], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("讲座 ≥5（每半年），查房 ≥20（每半年）");
    const chat = await runCli(["chat", "--as", "何圆圆"], { env, input: "查房+1\n" });
    expect(chat.stdout).toContain("查房 4/20（本半年）");
    // One doctor's own target, and a clinic's goal counted over its postings: listed by level, and the
    // doctor's answer says the target is their own.
    expect((await runCli(["targets", "set", "keyouzhong-2023-pairings", "--person", "何圆圆", "rounds=30/half_year"], { env })).code).toBe(0);
    const listed = await runCli(["targets", "set", "keyouzhong-2023-pairings", "--clinic", "巴彦召卫生院", "specialties=1/year"], { env });
    expect(listed.stdout).toContain("全项目：讲座 ≥5（每半年），查房 ≥20（每半年）");
    expect(listed.stdout).toContain("何圆圆（巴彦召卫生院）个人目标：查房 ≥30（每半年）");
    expect(listed.stdout).toContain("受援单位 巴彦召卫生院（按该单位全部派驻人员合计）：特色科室 ≥1（每年）");
    expect(listed.stdout).toContain("进度：巴彦召卫生院 特色科室 0/1");
    expect((await runCli(["targets", "set", "keyouzhong-2023-pairings", "--person", "没有这个人", "rounds=30/half_year"], { env })).stderr).toContain("项目里没有「没有这个人」的派驻");
    const own = await runCli(["chat", "--as", "何圆圆"], { env, input: "查房+1\n" });
    expect(own.stdout).toContain("查房 5/30（本半年，个人目标）");
  });
  it("applies a programme's document as rules, shows them, and refuses a roster that breaks them, writing nothing", async () => {
    const applied = await runCli(["programme", "apply", "templates/programmes/keyouzhong-2023.json"], { env });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("已应用项目规则：科左中旗（左卫健字〔2023〕11号），新建项目。");
    const shown = await runCli(["programme", "show", "科左中旗"], { env });
    expect(shown.stdout).toContain("连续派驻不少于 6 个月【不符合时拒绝】");
    expect(shown.stdout).toContain("依据：“每人连续驻点帮扶不少于6个月”");
    const refused = await runCli(["import", "--create", seed("keyouzhong-2023-pairings"), "--program", "科左中旗", "--start", "2023-03-01", "--end", "2023-04-30"], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("导入未执行：名单不符合项目“科左中旗”的规则（30 行），没有写入任何数据");
    expect(refused.stderr).toContain("第 2 行：何圆圆 派驻 2023-03-01 至 2023-04-30，约 2 个月");
    expect((await runCli(["programme", "show", "没有这个项目"], { env })).code).toBe(1);
    // Its filings, each with a state: long past their dates here, so overdue until marked.
    const listed = await runCli(["filings", "list", "科左中旗"], { env });
    expect(listed.stdout).toMatch(/#(\d+) 2023-02-20 对口帮扶关系表及帮扶协议报旗卫健委医政股：已逾期/);
    const id = /#(\d+) 2023-02-20/.exec(listed.stdout)![1];
    expect((await runCli(["filings", "mark", id, "--note", "已报医政股"], { env })).stdout).toContain("已登记");
    expect((await runCli(["filings", "list", "科左中旗"], { env })).stdout).toContain(`#${id} 2023-02-20 对口帮扶关系表及帮扶协议报旗卫健委医政股：已报送（已报医政股）`);
    const invalid = await runCli(["programme", "apply", "package.json"], { env });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("项目规则文件有误");
  });
});
