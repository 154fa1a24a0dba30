// The admin's view: `jobs list`, `jobs run … --at … --dry-run` and real runs, as child processes.
import { beforeAll, describe, expect, it } from "vitest";
import { backendName, DATABASE_URL, REDIS_URL } from "../helpers/backends.js";
import { seed } from "../helpers/fixtures.js";
import { isolatedEnv, runCli } from "../helpers/processes.js";

const lines = (stdout: string) => stdout.split("\n").filter((l) => l.includes("\t"));

describe(`jobs CLI (${backendName})`, () => {
  const env = isolatedEnv();
  const at = "2021-05-11T09:00:00+08:00";

  beforeAll(async () => {
    expect((await runCli(["import", "--create", seed("yubei-2021-postings")], { env })).code).toBe(0);
    const add = await runCli(["people", "add", "--name", "陈局长", "--org", "云阳县卫生健康委员会", "--kind", "authority", "--role", "leader", "--wecom", "chenju"], { env });
    expect(add.stdout).toContain("已登记：陈局长");
    expect((await runCli(["people", "add", "--name", "王院长", "--org", "渝北区中医院", "--role", "leader"], { env })).code).toBe(0);
    expect((await runCli(["people", "add", "--name", "某人", "--org", "不存在的单位", "--role", "leader"], { env })).stderr).toContain("没有名为“不存在的单位”的单位");
  }, 60_000);

  it("lists the jobs with their schedule", async () => {
    const run = await runCli(["jobs", "list"], { env });
    expect(run.stdout).toContain("arrival\t1 9 * * *\t");
    expect(run.stdout).toContain("nudge\t35 17 * * *\t");
    expect(run.stdout).toContain("digest\t9 9 * * 1\t");
    expect(run.stdout).toContain("outbox\t1-29,31-59 * * * *\t");
  });

  it("shows who would be reminded without writing anything, then sends each once across two runs", async () => {
    const dry = await runCli(["jobs", "run", "arrival", "--at", at, "--dry-run"], { env });
    expect(dry.code).toBe(0);
    const expected = lines(dry.stdout);
    // 11 arrival cards to the clinics' contacts; escalations to 陈局长 (bureau) for all 11 postings and to
    // 王院长 for the 3 of 渝北区中医院.
    expect(expected.filter((l) => l.startsWith("arrival\t"))).toHaveLength(11);
    // The fourth column: when each goes out (09:00 on a working day: at once).
    expect(expected).toContain("arrival\t刘平春\tposting:1:person:2\t2021-05-11 09:00");
    expect(expected.filter((l) => l.startsWith("arrival_overdue\t"))).toHaveLength(14);
    expect(lines((await runCli(["jobs", "run", "arrival", "--at", at, "--dry-run"], { env })).stdout)).toEqual(expected);

    // Two real runs of the same slot, together where the backend allows two processes (PostgreSQL).
    const run = () => runCli(["jobs", "run", "arrival", "--at", at], { env });
    const runs = DATABASE_URL ? await Promise.all([run(), run()]) : [await run(), await run()];
    expect(runs.flatMap((r) => lines(r.stdout)).sort()).toEqual([...expected].sort());
    // With Redis the second process finds the slot taken; with the in-process store (one instance only)
    // it runs and finds every reminder already written.
    if (REDIS_URL) expect(runs.map((r) => r.stderr).join()).toContain("已由其他实例执行");
    // A later run the same day finds everything already written.
    expect(lines((await runCli(["jobs", "run", "arrival", "--at", "2021-05-11T15:00:00+08:00"], { env })).stdout)).toEqual([]);
  }, 60_000);

  it("refuses an unknown job or time with the usage", async () => {
    expect((await runCli(["jobs", "run", "nope"], { env })).code).toBe(2);
    expect((await runCli(["jobs", "run", "arrival", "--at", "yesterday"], { env })).stderr).toContain("无法识别的时间");
  });
});
