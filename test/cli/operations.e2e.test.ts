// A hospital's IT person running duikou: every CLI command beside the running server, nothing either
// writes lost across a restart; one owner per data directory; backups taken live and restored into an
// empty place only; the migration status an upgrade checks.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_URL, uniqueName } from "../helpers/backends.js";
import { seed } from "../helpers/fixtures.js";
import { isolatedEnv, ROOT, runCli, startServer, tsNodeWith, type ServerProcess } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";
import { waitFor } from "../helpers/wait.js";

const dir = mkdtempSync(join(tmpdir(), "duikou-ops-"));

describe("the CLI beside the running server", () => {
  const env: Record<string, string> = { ...isolatedEnv(), ADMIN_TOKEN: "an-admin-token-of-32-characters!" };
  let server: ServerProcess;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    server = await startServer(env, port);
  });
  afterAll(async () => void (server?.child.exitCode === null && (await server.stop("SIGKILL"))));

  it("imports, applies a programme, sets targets, exports and backs up while the server runs, and all of it is there after a restart", async () => {
    const applied = await runCli(["programme", "apply", "templates/programmes/yubei-2021.json", "--program", "渝北2021"], { env });
    expect([applied.code, applied.stderr]).toEqual([0, ""]);
    const imported = await runCli(["import", "--create", seed("yubei-2021-postings"), "--program", "渝北2021"], { env });
    expect([imported.code, imported.stderr]).toEqual([0, ""]);
    expect(imported.stdout).toContain("派驻：新建 11");
    expect((await runCli(["targets", "set", "渝北2021", "lectures=5/half_year"], { env })).code).toBe(0);
    const out = join(dir, "june.xlsx");
    const exported = await runCli(["export", "monthly", "--month", "2021-06", "--out", out], { env });
    expect(exported.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.length).toBeGreaterThan(0);
    const backup = join(dir, "live.backup");
    const backedUp = await runCli(["backup", backup], { env });
    expect([backedUp.code, backedUp.stderr]).toEqual([0, ""]);
    expect(readFileSync(backup).length).toBeGreaterThan(1000);

    // The server saw the CLI's writes at once: they are its own.
    const postings = await fetch(`${server.base}/api/postings`, { headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } });
    expect((await postings.json()).total).toBe(11);
    expect(await server.stop()).toBe(0);
    server = await startServer(env, port);
    const shown = await runCli(["targets", "list", "渝北2021"], { env });
    expect(shown.stdout).toContain("讲座 ≥5（每半年）");
    const again = await runCli(["import", "--create", seed("yubei-2021-postings"), "--program", "渝北2021"], { env });
    expect([again.code, again.stderr]).toEqual([0, ""]);
    expect(again.stdout).toContain("派驻：新建 0");
  });

  it("prints a login link with the server's address, and the server takes it", async () => {
    const link = await runCli(["login-link", "--as", "admin"], { env });
    expect(link.code).toBe(0);
    const url = new URL(/https?:\/\/\S+/.exec(link.stdout)![0]);
    expect(url.origin).toBe(`http://localhost:${port}`);
    const signIn = await fetch(`${server.base}/console/login`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `t=${url.searchParams.get("t")}` });
    expect([signIn.status, signIn.headers.get("location")]).toEqual([303, "/console/"]);
  });

  it("answers a chat piped in through the server", async () => {
    const chat = await runCli(["chat", "--as", "周玉"], { env, input: "帮助\n" });
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain("讲座+1");
  });

  it("reads and writes the person's files relative to their own folder", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "duikou-elsewhere-"));
    const run = await runCli(["export", "roster", "--format", "csv", "--out", "roster.csv"], { env, cwd });
    expect(run.code).toBe(0);
    expect(readFileSync(join(cwd, "roster.csv"), "utf8")).toContain("支援单位名称");
    const missing = await runCli(["import", "--create", "nowhere.csv"], { env, cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nowhere.csv");
  });

  it("a second server on the same data directory refuses to start, naming the directory and the process", async () => {
    const second = await startServer(env, await freePort()).catch((e: Error) => e);
    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toContain(`process ${server.child.pid}`);
    expect((second as Error).message).toContain(DATABASE_URL ? join(env.DATA_DIR, "journal") : env.DATA_DIR);
  });

  it("lists applied and pending migrations for an upgrade", async () => {
    const status = await runCli(["migrate", "--status"], { env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/已执行 {2}20261123000000_init/);
    expect(status.stdout).toMatch(/共 \d+ 个已执行，0 个待执行。/);
  });
});

describe("one owner for a data directory", () => {
  it("a lock left by a process that has gone is stale: the server starts", async () => {
    const env = isolatedEnv();
    const owned = DATABASE_URL ? join(env.DATA_DIR, "journal", "stale") : env.DATA_DIR;
    const { mkdirSync } = await import("node:fs");
    mkdirSync(owned, { recursive: true });
    writeFileSync(join(owned, "duikou.lock"), JSON.stringify({ pid: 2 ** 22 + 1, host: (await import("node:os")).hostname(), role: "server", since: "2026-01-01T00:00:00Z" }));
    const server = await startServer({ ...env, INSTANCE_ID: "stale" }, await freePort());
    expect(JSON.parse(readFileSync(join(owned, "duikou.lock"), "utf8")).pid).toBe(server.child.pid);
    expect(await server.stop()).toBe(0);
    expect(existsSync(join(owned, "duikou.lock"))).toBe(false);
  }, 150_000);

  it.skipIf(!!DATABASE_URL)("a CLI command refuses while another holds the embedded database, naming it; and runs once it is done", async () => {
    const env = isolatedEnv();
    expect((await runCli(["import", "--create", seed("yubei-2021-postings"), "--program", "渝北2021"], { env })).code).toBe(0);
    // A chat with its input still open holds DATA_DIR for as long as it runs.
    const holder = tsNodeWith("cli.ts", ["chat", "--as", "周玉"], env);
    let said = "";
    holder.stdout.on("data", (d) => (said += d));
    holder.stdin.write("帮助\n");
    await waitFor(async () => said.includes("讲座+1"));
    const refused = await runCli(["targets", "list", "渝北2021"], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`正被另一个命令行（进程 ${holder.pid}`);
    holder.stdin.end();
    await new Promise((r) => holder.once("exit", r));
    expect((await runCli(["targets", "list", "渝北2021"], { env })).code).toBe(0);
  });

  it.skipIf(!!DATABASE_URL)("a relative DATA_DIR is the project's, from whatever folder the CLI runs", async () => {
    const data = mkdtempSync(join(ROOT, "data-test-"));
    const env = { ...isolatedEnv(), DATA_DIR: relative(ROOT, data) };
    const cwd = mkdtempSync(join(tmpdir(), "duikou-cwd-"));
    expect((await runCli(["import", "--create", seed("yubei-2021-postings"), "--program", "渝北2021"], { env })).code).toBe(0);
    const elsewhere = await runCli(["targets", "list", "渝北2021"], { env, cwd });
    expect([elsewhere.code, elsewhere.stderr]).toEqual([0, ""]);
    const { rmSync } = await import("node:fs");
    rmSync(data, { recursive: true, force: true });
  });
});

async function emptyDatabase(): Promise<string> {
  const pg = (await import("pg")).default;
  const name = uniqueName("restore");
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  // With a password in the URL (this machine's trust authentication ignores it): no message may print it.
  return DATABASE_URL!.replace(/\/[^/]*$/, `/${name}`).replace("postgres@", "postgres:s3cret-pw@");
}

async function dropDatabase(url: string): Promise<void> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)}`);
  await client.end();
}

describe("backup and restore", () => {
  it("restores a live backup into an empty place, refuses a non-empty one, and the restored installation has everything", async () => {
    const env = isolatedEnv();
    expect((await runCli(["import", "--create", seed("yubei-2021-postings"), "--program", "渝北2021"], { env })).code).toBe(0);
    const server = await startServer(env, await freePort());
    const file = join(dir, `${uniqueName("backup")}.backup`);
    expect((await runCli(["backup", file], { env })).code).toBe(0);
    await server.stop();

    const refused = await runCli(["restore", file], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("不是空的");

    // PostgreSQL: an empty database of its own, the backup's schema in it; embedded: an empty folder.
    const target = { ...isolatedEnv(), ...(DATABASE_URL ? { DATABASE_URL: await emptyDatabase(), DATABASE_SCHEMA: env.DATABASE_SCHEMA } : {}) };
    const restored = await runCli(["restore", file], { env: target });
    expect([restored.code, restored.stderr]).toEqual([0, ""]);
    expect(restored.stdout).toContain("已恢复到");
    expect(restored.stdout + restored.stderr).not.toContain("s3cret-pw");
    const status = await runCli(["migrate", "--status"], { env: target });
    expect(status.stdout).toMatch(/0 个待执行/);
    const again = await runCli(["import", "--create", seed("yubei-2021-postings"), "--program", "渝北2021"], { env: target });
    expect(again.stdout).toContain("派驻：新建 0");
    if (DATABASE_URL) await dropDatabase(target.DATABASE_URL!);
  }, 150_000); // six CLI processes and a server, each starting Node and opening a database

  it("refuses a file that is not a backup of this kind of database", async () => {
    const file = join(dir, "not-a-backup");
    writeFileSync(file, "hello");
    const run = await runCli(["restore", file], { env: isolatedEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("不是");
  });
});
