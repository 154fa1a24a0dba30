// HTTP figures measured from outside: the real server (the compiled build, its own process, on
// PostgreSQL + Redis) and a bare Koa server (its own process) take the same load from wrk (or, where
// wrk is not installed, autocannon), run in a third process, one after the other in the same run; the
// ratios are what to read. Then what
// happens after the burst (every stored message processed and answered, how late), and what an
// unauthenticated caller costs the server (its own CPU, read from /proc).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { importRoster } from "../../src/services/programme/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { openDatabase } from "../../src/infra/db.js";
import { ROOT } from "../helpers/processes.js";
import { startFakeWecom } from "../helpers/fake-wecom.js";
import { buildCallback, SET_A, textXml } from "../helpers/wecom.js";
import { findWrk, runWrk, type LoadResult } from "./wrk.js";

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
/**
 * A burst as the evening reminder makes one: many doctors reporting once or twice each. (With 20,000
 * doctors, the hundred thousand reports of three rounds were five from each doctor in one day, and from
 * the fourth on each went over 查房's daily bound and was held for confirmation: the drain then measured
 * that path.)
 */
const DOCTORS = 60_000;
const CONNECTIONS = 32;
/**
 * Bare Koa and the server take turns, this many rounds of this many seconds each: this machine's speed
 * drifts by half within a minute, so a ratio from one pair of runs says as much about the moment as
 * about the server. The median round is what to read. BENCH_HTTP_ROUNDS=1 gives a quicker, rougher run.
 */
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
const SECONDS = 5;
/**
 * Before the rounds, each process takes this many seconds of the same load, not counted: a fresh Node
 * process runs its first thousands of requests in unoptimised code, which would make the first round
 * measure the JIT.
 */
const WARMUP_SECONDS = 3;
const WARMUP_CALLBACKS = 30_000;
/** Distinct callbacks for each round of the server (a repeated one would be a retry, a different path). */
const PER_ROUND = 60_000;

type Job = { url: string; connections: number; duration?: number; amount?: number; method?: string; requests: { path: string; body?: string; headers?: Record<string, string> }[] };

const WRK = findWrk();
const GENERATOR = WRK ? "wrk, 2 threads" : "autocannon";

/** A timed run goes to wrk where it is installed; a fixed number of requests (wrk has no such mode) to autocannon. */
function runLoad(job: Job): Promise<LoadResult> {
  if (WRK && job.duration) return runWrk(WRK, { ...job, duration: job.duration });
  return runAutocannon(job);
}

function runAutocannon(job: Job): Promise<LoadResult> {
  const file = join(mkdtempSync(join(tmpdir(), "duikou-load-")), "job.json");
  writeFileSync(file, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "test/bench/load-worker.mjs"), file], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`load worker exited ${code}`))));
  });
}

/**
 * Starts a process and resolves once its output matches `ready`. Its output is drained from then on
 * and only its last 2 KB kept: the server logs a line per request, and matching a growing string
 * against every chunk cost this process a core that the server and PostgreSQL then lacked.
 */
export function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  let started = false;
  return new Promise((resolve, reject) => {
    const read = (d: Buffer) => {
      tail = (tail + d).slice(-2000);
      if (!started && ready.test(tail)) (started = true), resolve(child);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${tail}`)));
  });
}

/** What the middle of an acknowledgement run cost, per message stored: the server, its main thread, PostgreSQL. */
type Window = { serverUs: number; mainUs: number; mainBusy: number; postgresUs?: number };
type Measured = { run: LoadResult; cpuUs: number; window?: Window };

/** A load run, with the CPU the process under load spent per request. */
async function measured(target: ChildProcess, job: Job): Promise<Measured> {
  const before = cpuSeconds(target.pid!);
  const run = await runLoad(job);
  return { run, cpuUs: ((cpuSeconds(target.pid!) - before) * 1e6) / Math.max(run.total, 1) };
}

type Snapshot = { at: number; server: number; main: number; postgres: number; stored: number };

/**
 * The server's run, with its CPU read in the middle of the load as well: from once the stored count
 * starts climbing (wrk has read its requests) for 2.5 s. Over the whole run the server's CPU also
 * counts what the worker processes before wrk starts and after it stops (callbacks no longer flood
 * in), which is not the acknowledgement's.
 */
async function measuredWithWindow(target: ChildProcess, job: Job, stored: () => Promise<number>): Promise<Measured> {
  const pid = target.pid!;
  const snap = async (): Promise<Snapshot> => ({
    at: performance.now(), server: cpuSeconds(pid), main: cpuSeconds(pid, `/proc/${pid}/task/${pid}/stat`), postgres: postgresCpuSeconds(), stored: await stored(),
  });
  const running = measured(target, job);
  const first = await stored();
  const deadline = performance.now() + job.duration! * 1000;
  while ((await stored()) - first < 500 && performance.now() < deadline) await sleep(50);
  await sleep(500);
  const a = await snap();
  await sleep(2500);
  const b = await snap();
  const run = await running;
  const n = b.stored - a.stored;
  if (n <= 0) return run;
  const per = (seconds: number) => (seconds * 1e6) / n;
  return { ...run, window: { serverUs: per(b.server - a.server), mainUs: per(b.main - a.main), mainBusy: (b.main - a.main) / ((b.at - a.at) / 1000), postgresUs: b.postgres > a.postgres ? per(b.postgres - a.postgres) : undefined } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds of this machine's PostgreSQL processes (0 where the database runs elsewhere). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") total += cpuSeconds(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const ratio = (r: { bare: Measured; ack: Measured }) => r.ack.run.perSecond / r.bare.run.perSecond;

/** CPU seconds (user + system) a process (or, given its stat file, one thread) has used, from /proc (Linux). */
function cpuSeconds(pid: number, stat = `/proc/${pid}/stat`): number {
  const fields = readFileSync(stat, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 a second)
}

/**
 * How long the bench waits for the burst to be processed: three rounds now store about 130,000
 * messages, and the worker processes about 200 a second, so ten minutes was no longer enough.
 */
const DRAIN_LIMIT_MS = 20 * 60_000;

/** Waits (up to DRAIN_LIMIT_MS from `since`) until no stored message is left unprocessed; returns how many are. */
async function drained(db: ReturnType<typeof openDatabase>, since: number): Promise<number> {
  let left = await db.client.inboundMessage.count({ where: { outcome: "received" } });
  while (left > 0 && Date.now() - since < DRAIN_LIMIT_MS) {
    await new Promise((r) => setTimeout(r, 250));
    left = await db.client.inboundMessage.count({ where: { outcome: "received" } });
  }
  return left;
}

function roster(today: string, end: string): string[][] {
  const table = [["支援单位", "受援单位", "受援单位联系人", "姓名", "联系电话", "开始日期", "结束日期", "企业微信账号"]];
  for (let i = 0; i < DOCTORS; i++) table.push([`支援医院${i % 20}`, `卫生院${i % 300}`, `联系人${i % 300}`, `压测医生${i}`, `137${String(i).padStart(8, "0")}`, today, end, `load-${i}`]);
  return table;
}

export async function benchHttp(pgUrl: string, redisUrl: string | undefined): Promise<void> {
  const schema = `bench_http_${randomUUID().slice(0, 8)}`;
  const db = openDatabase({ url: pgUrl, schema });
  await db.migrate();
  const now = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  await importRoster(db.client, parseRoster(roster(day(new Date(now.getTime() - 30 * 86_400_000)), day(new Date(now.getTime() + 300 * 86_400_000)))), { programme: "压测", create: true });
  const fake = await startFakeWecom();
  const app = { ...SET_A, agentId: String(4_000_000 + Math.floor(Math.random() * 1_000_000)) };
  const port = 41000 + Math.floor(Math.random() * 1000);
  const env: Record<string, string> = {
    DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema, WECOM_CORP_ID: app.corpId, WECOM_AGENT_ID: app.agentId, WECOM_SECRET: "s",
    WECOM_TOKEN: app.token, WECOM_AES_KEY: app.aesKey, WECOM_API_BASE: fake.base, SCHEDULER: "off", LOG_LEVEL: "info", PORT: String(port),
    DATA_DIR: mkdtempSync(join(tmpdir(), "duikou-bench-data-")),
    // BENCH_WORKER_CONCURRENCY: how many messages the server processes at once during the run (default 8).
    ...(process.env.BENCH_WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}:` } : {}),
  };
  // BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : [];
  const server = await startProcess([...profile, join(ROOT, "build/main.js")], env, /duikou listening/);
  const bare = await startProcess(["--import", "tsx", join(ROOT, "test/bench/bare-server.ts"), String(port + 1)], {}, /bare listening/);
  try {
    const ts = Math.floor(Date.now() / 1000);
    const callbacks = Array.from({ length: ROUNDS * PER_ROUND + WARMUP_CALLBACKS + 2000 }, (_, i) => {
      const xml = textXml({ corpId: app.corpId, from: `load-${i % DOCTORS}`, content: "讲座+1 查房+3", msgId: String(7_000_000_000 + i), agentId: app.agentId, createTime: ts });
      const cb = buildCallback(app, xml, ts);
      return { path: `/wecom/callback?${cb.query}`, body: cb.body };
    });
    // The junk first, while the server is idle: its CPU is then the junk's alone. Then wait for the valid
    // callbacks it sent to be processed, so the bare runs have the machine to themselves.
    const junk = await benchJunk(server, port, ts, callbacks.splice(ROUNDS * PER_ROUND + WARMUP_CALLBACKS));
    const warmup = callbacks.splice(ROUNDS * PER_ROUND);
    // The server is stopped (SIGSTOP) while bare Koa runs: its worker would otherwise go on processing
    // and take the machine from the baseline.
    const serverStopped = <T>(work: () => Promise<T>) => (server.kill("SIGSTOP"), work().finally(() => server.kill("SIGCONT")));
    await serverStopped(() => runLoad({ url: `http://127.0.0.1:${port + 1}`, connections: CONNECTIONS, duration: WARMUP_SECONDS, requests: warmup }));
    await runLoad({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: WARMUP_SECONDS, requests: warmup });
    await drained(db, Date.now());
    // What the rounds stored is what came after this.
    const storedCount = async () => (await db.client.inboundMessage.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const lastId = await storedCount();
    const rounds: { bare: Measured; ack: Measured }[] = [];
    const started = Date.now();
    for (let r = 0; r < ROUNDS; r++) {
      const requests = callbacks.slice(r * PER_ROUND, (r + 1) * PER_ROUND);
      const bareRun = await serverStopped(() => measured(bare, { url: `http://127.0.0.1:${port + 1}`, connections: CONNECTIONS, duration: SECONDS, requests }));
      const ackRun = await measuredWithWindow(server, { url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: SECONDS, requests }, storedCount);
      rounds.push({ bare: bareRun, ack: ackRun });
    }
    const burstEnd = Date.now();
    const stored = await db.client.inboundMessage.count({ where: { id: { gt: lastId } } });
    const left = await drained(db, burstEnd);
    const drainedAt = Date.now();
    const lags = (await db.client.$queryRawUnsafe<{ p50: number; p99: number }[]>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT EXTRACT(EPOCH FROM ("processedAt" - "receivedAt")) * 1000 AS ms FROM "InboundMessage" WHERE "processedAt" IS NOT NULL AND id > $1) t`, lastId))[0];
    const outcomes = await db.client.inboundMessage.groupBy({ by: ["outcome"], where: { id: { gt: lastId } }, _count: true });
    const answered = rounds.reduce((n, r) => n + r.ack.run.ok, 0);
    const failed = rounds.reduce((n, r) => n + r.ack.run.non2xx + r.ack.run.errors + r.ack.run.timeouts, 0);
    console.log(`http, measured from a separate process (${GENERATOR}, ${CONNECTIONS} connections; bare Koa and the server take turns, ${ROUNDS} rounds of ${SECONDS} s; the server is the compiled build on PostgreSQL${redisUrl ? " + Redis" : ""}, ${DOCTORS} doctors):`);
    for (const [i, r] of rounds.entries()) {
      console.log(`  round ${i + 1}: bare Koa ${fmt(r.bare.run.perSecond)} requests/s p99 ${fmt(r.bare.run.p99)} ms (${fmt(r.bare.cpuUs)} µs CPU each); ack ${fmt(r.ack.run.perSecond)} requests/s p99 ${fmt(r.ack.run.p99)} ms (${fmt(r.ack.cpuUs)} µs CPU each): ${fmt(ratio(r) * 100, 1)}%`);
      const w = r.ack.window;
      if (w) console.log(`           mid-round, per callback stored: server ${fmt(w.serverUs)} µs of CPU, its main thread ${fmt(w.mainUs)} µs (busy ${fmt(w.mainBusy * 100)} % of the time)${w.postgresUs ? `, PostgreSQL ${fmt(w.postgresUs)} µs` : ""}`);
    }
    const median = [...rounds].sort((a, b) => ratio(a) - ratio(b))[Math.floor(ROUNDS / 2)];
    console.log(`  median round:        bare Koa ${fmt(median.bare.run.perSecond)} requests/s p99 ${fmt(median.bare.run.p99)} ms; /wecom/callback ack ${fmt(median.ack.run.perSecond)} requests/s p50 ${fmt(median.ack.run.p50)} ms p99 ${fmt(median.ack.run.p99)} ms`);
    console.log(`  ratio ack/bare:      throughput ${fmt(ratio(median) * 100, 1)}%, p99 ×${fmt(median.ack.run.p99 / Math.max(median.bare.run.p99, 1), 1)}; server CPU per request ×${fmt(median.ack.cpuUs / median.bare.cpuUs, 1)} of bare Koa's`);
    console.log(`  all rounds:          ${answered} answered 200, ${failed} other or failed; ${stored} stored`);
    console.log(`  outcomes:            ${outcomes.map((o) => `${o.outcome} ${o._count}`).join(", ")}`);
    console.log(`  after the burst:     ${left === 0 ? "all processed" : `${left} still unprocessed after ${DRAIN_LIMIT_MS / 60_000} minutes`} ${fmt((drainedAt - burstEnd) / 1000, 1)} s after it ended; ${fmt(stored / ((drainedAt - started) / 1000))} processed/s over burst and drain; lag receipt → processed p50 ${fmt(lags.p50 ?? 0)} ms p99 ${fmt(lags.p99 ?? 0)} ms; ${fake.sent.length} replies sent in all (the warm-up's and the junk run's valid callbacks too)`);
    for (const line of junk) console.log(line);
  } finally {
    await new Promise((resolve) => (server.once("exit", resolve), server.kill("SIGTERM")));
    bare.kill("SIGKILL");
    await fake.close();
    await db.close();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

/**
 * What an unauthenticated caller costs the server: 64 KB bodies of unclosed tags (the shape that made
 * the old XML reader backtrack), a fresh timestamp and a made-up signature, next to valid callbacks
 * (already stored: WeCom's retries) in the same run, as the server's own CPU per request; and /healthz
 * while 8 junk requests are in flight at all times.
 */
async function benchJunk(server: ChildProcess, port: number, ts: number, valid: { path: string; body: string }[]): Promise<string[]> {
  const junkBody = "<xml>" + "<a>".repeat(Math.floor((64 * 1024 - 11) / 3)) + "</xml>";
  const junk = Array.from({ length: 1000 }, (_, i) => ({ path: `/wecom/callback?msg_signature=${"0".repeat(40)}&timestamp=${ts}&nonce=${i}`, body: junkBody }));
  const url = `http://127.0.0.1:${port}`;
  const cpuPer = async (requests: { path: string; body: string }[]) => {
    const before = cpuSeconds(server.pid!);
    const run = await runLoad({ url, connections: 8, amount: requests.length, requests });
    return { ms: ((cpuSeconds(server.pid!) - before) * 1000) / run.total, run };
  };
  const bad = await cpuPer(junk);
  const good = await cpuPer(valid); // first sight: verify, decrypt, store, 200 (and processing starts)
  const [health] = await Promise.all([
    runLoad({ url, connections: 1, duration: 5, method: "GET", requests: [{ path: "/healthz" }] }),
    runLoad({ url, connections: 8, duration: 5, requests: junk }),
  ]);
  return [
    `  unauthenticated 64 KB junk: ${fmt(bad.ms * 1000)} µs of server CPU a request (${bad.run.non2xx} refused of ${bad.run.total}); a valid callback, acknowledged and processed: ${fmt(good.ms * 1000)} µs`,
    `  /healthz while 8 junk requests are in flight: p50 ${fmt(health.p50, 1)} ms  p99 ${fmt(health.p99, 1)} ms`,
  ];
}
