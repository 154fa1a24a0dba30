// The bureau clerk's month end through the real CLI and the real server: export the forms, create an
// organisation token, and call the API with it.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../helpers/fixtures.js";
import { isolatedEnv, runCli, startServer, type ServerProcess } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";

describe("export and tokens from the command line", () => {
  const env = { ...isolatedEnv(), ADMIN_TOKEN: "an-admin-token-of-32-characters!" };
  const dir = mkdtempSync(join(tmpdir(), "duikou-export-"));
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    const run = await runCli(["import", "--create", seed("yubei-2021-postings"), "--program", "渝北2021"], { env });
    expect(run.code).toBe(0);
  });
  afterAll(async () => void (server && server.child.exitCode === null && (await server.stop("SIGKILL"))));

  it("writes the monthly form as XLSX where --out says", async () => {
    const out = join(dir, "june.xlsx");
    const run = await runCli(["export", "monthly", "--month", "2021-06", "--org", "重医大附三院", "--out", out], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`已导出：${out}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((w) => w.name)).toEqual(["工作量统计报告表", "月报表", "汇总"]);
    expect(book.getWorksheet("汇总")!.getRow(3).getCell(2).value).toBe("重医大附三院");
  });

  it("writes the roster as CSV that Excel opens in Chinese", async () => {
    const out = join(dir, "roster.csv");
    expect((await runCli(["export", "roster", "--format", "csv", "--out", out], { env })).code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("\uFEFF支援单位名称,受援卫生院名称,受援卫生院联系电话,姓名,性别,职称,科室,联系方式,支援时间\r\n")).toBe(true);
  });

  it("says what is wrong with the arguments, with a non-zero exit", async () => {
    const run = await runCli(["export", "quarterly", "--quarter", "2021Q5"], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("季度格式应为 YYYYQn");
    const org = await runCli(["export", "roster", "--org", "不存在的医院"], { env });
    expect(org.code).toBe(1);
    expect(org.stderr).toContain("没有名为“不存在的医院”的单位");
  });

  it("creates organisation tokens the server accepts, scoped to that organisation; a revoked one is refused", async () => {
    const created = await runCli(["tokens", "create", "--org", "渝北区人民医院"], { env });
    expect(created.code).toBe(0);
    const token = /dk_[\w-]+/.exec(created.stdout)![0];
    const id = /编号 (\d+)/.exec(created.stdout)![1];
    const old = await runCli(["tokens", "create", "--org", "渝北区人民医院", "--label", "旧令牌"], { env });
    const oldToken = /dk_[\w-]+/.exec(old.stdout)![0];
    const oldId = /编号 (\d+)/.exec(old.stdout)![1];
    // The embedded database belongs to one process at a time: the CLI runs before the server starts.
    expect((await runCli(["tokens", "revoke", oldId], { env })).code).toBe(0);
    const list = (await runCli(["tokens", "list"], { env })).stdout;
    expect(list).toMatch(new RegExp(`${id}\\t渝北区人民医院\\t.*有效`));
    expect(list).toMatch(new RegExp(`${oldId}\\t渝北区人民医院\\t旧令牌.*已撤销`));
    server = await startServer(env, await freePort());
    const res = await fetch(`${server.base}/api/postings`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((p: { person: { name: string } }) => p.person.name).sort()).toEqual(["周代会", "周玉"]);
    const admin = await fetch(`${server.base}/api/postings`, { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } });
    expect((await admin.json()).total).toBe(11);
    expect((await fetch(`${server.base}/api/postings`, { headers: { authorization: `Bearer ${oldToken}` } })).status).toBe(403);
  });
});
