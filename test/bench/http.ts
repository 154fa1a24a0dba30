// HTTP figures measured from outside: the real server (the compiled build, its own process, on
// PostgreSQL + Redis) and a bare Koa server (its own process) take the same load from wrk (or, where
// wrk is not installed, autocannon), run in a third process, one after the other in each row; the ratios
// are what to read. One row for each load shape users produce: many doctors once each or 2,000 doctors
// many times each; a cold server, a warm one with nothing waiting, a warm one still processing a
// backlog. Each row ends with the rate the backlog drains at. Then what an unauthenticated caller costs
// the server (its own CPU, read from /proc).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { importRoster } from "../../src/services/programme/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { openDatabase } from "../../src/infra/db.js";
import { ROOT } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";
import { startFakeWecom } from "../helpers/fake-wecom.js";
import { buildCallback, SET_A, textXml } from "../helpers/wecom.js";
import { findWrk, runWrk, type LoadResult } from "./wrk.js";
import { heaps, read } from "./memory.js";

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
/**
 * A burst as the evening reminder makes one: many doctors reporting once or twice each. (With 20,000
 * doctors, the hundred thousand reports of three rounds were five from each doctor in one day, and from
 * the fourth on each went over 查房's daily bound and was held for confirmation: the drain then measured
 * that path.)
 */
const DOCTORS = 60_000;
const CONNECTIONS = 32;
/** Each run (bare Koa's, then the server's, with the same requests) lasts this long. */
const SECONDS = 5;
/**
 * A warm server has taken this many seconds of the same load first: a fresh Node process runs its first
 * thousands of requests in unoptimised code. The cold rows are a fresh server's first seconds.
 */
const WARMUP_SECONDS = 3;
const WARMUP_CALLBACKS = 20_000;
/** Distinct callbacks for each run: more than the server acknowledges in SECONDS. */
const PER_ROUND = 40_000;

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) a process (or, given its stat file, one thread) has used, from /proc (Linux). */
function cpuSeconds(pid: number, stat = `/proc/${pid}/stat`): number {
  const fields = readFileSync(stat, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 a second)
}

/** How long the drain after a row is watched: long enough for a steady rate, short enough for six rows. */
const DRAIN_WINDOW_MS = 20_000;

/** Processed a second over DRAIN_WINDOW_MS from now (or until nothing is left). */
async function drainRate(db: ReturnType<typeof openDatabase>): Promise<{ perSecond: number; left: number }> {
  const done = () => db.client.inboundMessage.count({ where: { outcome: { not: "received" } } });
  const left = () => db.client.inboundMessage.count({ where: { outcome: "received" } });
  const start = performance.now();
  const before = await done();
  while (performance.now() - start < DRAIN_WINDOW_MS && (await left()) > 0) await sleep(250);
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: ((await done()) - before) / seconds, left: await left() };
}

/**
 * What the row left unprocessed is set aside (marked 'rejected'), so the next row starts from the state
 * it names: the bench would otherwise wait minutes for tens of thousands of messages at every row.
 */
async function clearBacklog(db: ReturnType<typeof openDatabase>): Promise<void> {
  await db.client.inboundMessage.updateMany({ where: { outcome: "received" }, data: { outcome: "rejected", processedAt: new Date() } });
}

/** The load shapes users produce: who sends (many doctors once each, or 2,000 doctors many times each), and what state the server is in. */
type Senders = { name: string; doctors: number };
const SENDERS: Senders[] = [{ name: "60,000 doctors once each", doctors: DOCTORS }, { name: "2,000 doctors many times each", doctors: 2_000 }];
type State = "cold" | "warm, drained" | "warm, backlog being processed";
const STATES: State[] = ["cold", "warm, drained", "warm, backlog being processed"];

type Row = { senders: string; state: State; bare: LoadResult; ack: LoadResult; drain: { perSecond: number; left: number }; backlogAtStart: number };

function roster(today: string, end: string): string[][] {
  const table = [["支援单位", "受援单位", "受援单位联系人", "姓名", "联系电话", "开始日期", "结束日期", "企业微信账号"]];
  for (let i = 0; i < DOCTORS; i++) table.push([`支援医院${i % 20}`, `卫生院${i % 300}`, `联系人${i % 300}`, `压测医生${i}`, `137${String(i).padStart(8, "0")}`, today, end, `load-${i}`]);
  return table;
}

/** Targets (issue 31), checked in every row: acknowledgements against bare Koa, their p99, and the drain after. */
const TARGETS = { ratio: 0.25, p99Ms: 50, drainPerSecond: 300 };

/** The built server's environment for a bench: PostgreSQL (+ Redis), WeCom pointed at the fake, no scheduler. */
export async function wecomServer(o: { pgUrl: string; schema: string; redisUrl?: string; fakeBase: string; extra?: Record<string, string> }) {
  const app = { ...SET_A, agentId: String(4_000_000 + Math.floor(Math.random() * 1_000_000)) };
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: o.pgUrl, DATABASE_SCHEMA: o.schema, WECOM_CORP_ID: app.corpId, WECOM_AGENT_ID: app.agentId, WECOM_SECRET: "s",
    WECOM_TOKEN: app.token, WECOM_AES_KEY: app.aesKey, WECOM_API_BASE: o.fakeBase, SCHEDULER: "off", LOG_LEVEL: "info", PORT: String(port),
    DATA_DIR: mkdtempSync(join(tmpdir(), "duikou-bench-data-")),
    // BENCH_WORKER_CONCURRENCY: how many messages the server processes at once (default 8).
    ...(process.env.BENCH_WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY } : {}),
    ...(o.redisUrl ? { REDIS_URL: o.redisUrl, REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}:` } : {}),
    ...o.extra,
  };
  return { app, port, env };
}

export async function benchHttp(pgUrl: string, redisUrl: string | undefined): Promise<void> {
  const schema = `bench_http_${randomUUID().slice(0, 8)}`;
  const db = openDatabase({ url: pgUrl, schema });
  await db.migrate();
  const now = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  await importRoster(db.client, parseRoster(roster(day(new Date(now.getTime() - 30 * 86_400_000)), day(new Date(now.getTime() + 300 * 86_400_000)))), { programme: "压测", create: true });
  const fake = await startFakeWecom();
  const { app, port, env } = await wecomServer({ pgUrl, schema, redisUrl, fakeBase: fake.base });
  // BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops, one for each thread.
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : [];
  const startServer = () => startProcess([...profile, join(ROOT, "build/main.js")], env, /processing thread ready/);
  const bare = await startProcess(["--import", "tsx", join(ROOT, "test/bench/bare-server.ts"), String(port + 1)], {}, /bare listening/);
  let server = await startServer();
  const stopServer = () => new Promise((resolve) => (server.once("exit", resolve), server.kill("SIGTERM")));
  const rows: Row[] = [];
  let junk: string[] = [];
  let nextMsg = 7_000_000_000;
  const ts = Math.floor(Date.now() / 1000);
  /** Distinct callbacks (a repeated one would be a retry, a different path), from `doctors` senders in turn. */
  const callbacks = (n: number, doctors: number) => {
    const first = nextMsg;
    nextMsg += n;
    return Array.from({ length: n }, (_, i) => {
      const xml = textXml({ corpId: app.corpId, from: `load-${(first + i) % doctors}`, content: "讲座+1 查房+3", msgId: String(first + i), agentId: app.agentId, createTime: ts });
      const cb = buildCallback(app, xml, ts);
      return { path: `/wecom/callback?${cb.query}`, body: cb.body };
    });
  };
  const load = (base: number, requests: { path: string; body: string }[], seconds: number) =>
    runLoad({ url: `http://127.0.0.1:${base}`, connections: CONNECTIONS, duration: seconds, requests });
  // The server (both its threads) is stopped (SIGSTOP) while bare Koa runs: it would otherwise go on
  // processing and take the machine from the baseline.
  const serverStopped = <T>(work: () => Promise<T>) => (server.kill("SIGSTOP"), work().finally(() => server.kill("SIGCONT")));
  const waiting = () => db.client.inboundMessage.count({ where: { outcome: "received" } });
  try {
    junk = await benchJunk(server, port, ts, callbacks(2000, DOCTORS));
    await drainRate(db);
    await clearBacklog(db);
    for (const senders of SENDERS) {
      // Each sender shape starts on a fresh server: its first row is the cold one.
      await stopServer();
      server = await startServer();
      for (const state of STATES) {
        if (state === "warm, backlog being processed") await load(port, callbacks(WARMUP_CALLBACKS, senders.doctors), WARMUP_SECONDS); // not drained
        const requests = callbacks(PER_ROUND, senders.doctors);
        const bareRun = await serverStopped(() => load(port + 1, requests, SECONDS));
        const backlogAtStart = await waiting();
        const ackRun = await load(port, requests, SECONDS);
        const drain = await drainRate(db);
        rows.push({ senders: senders.name, state, bare: bareRun, ack: ackRun, drain, backlogAtStart });
        await clearBacklog(db);
        await sleep(1000); // what the thread had already taken finishes
      }
    }
    const outcomes = await db.client.inboundMessage.groupBy({ by: ["outcome"], _count: true });
    const memory = await memoryUnderLoad(server.pid!, port);
    printRows(rows, redisUrl !== undefined);
    console.log(`  memory after the last shape's rows: ${memory}`);
    console.log(`  outcomes over the whole run: ${outcomes.map((o) => `${o.outcome} ${o._count}`).join(", ")} ('rejected' includes what each row left unprocessed, set aside for the next row); ${fake.sent.length} replies sent`);
    for (const line of junk) console.log(line);
  } finally {
    await stopServer();
    bare.kill("SIGKILL");
    await fake.close();
    await db.close();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

/** The server's resident memory now and at its peak (both threads), and each thread's heap from /metrics. */
async function memoryUnderLoad(pid: number, port: number): Promise<string> {
  const m = { ...read(pid), ...(await heaps(port)) };
  return `RSS ${fmt(m.rssMb)} MB (peak ${fmt(m.peakMb)} MB); V8 heap in use: web thread ${fmt(m.webHeapMb ?? NaN)} MB, processing thread ${fmt(m.processingHeapMb ?? NaN)} MB`;
}

function printRows(rows: Row[], redis: boolean): void {
  console.log(`http, measured from a separate process (${GENERATOR}, ${CONNECTIONS} connections, ${SECONDS} s a run; bare Koa in its own process, the same requests just before each row; the server is the compiled build on PostgreSQL${redis ? " + Redis" : ""}):`);
  console.log("  | senders | state | bare Koa /s | acks /s | acks / bare | p50 | p99 | backlog at start | drain after | targets |");
  console.log("  | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    const ratio = r.ack.perSecond / r.bare.perSecond;
    const missed = [
      ratio < TARGETS.ratio ? `ratio < ${TARGETS.ratio * 100} %` : "", r.ack.p99 >= TARGETS.p99Ms ? `p99 ≥ ${TARGETS.p99Ms} ms` : "",
      r.drain.perSecond < TARGETS.drainPerSecond && r.drain.left > 0 ? `drain < ${TARGETS.drainPerSecond}/s` : "",
      r.ack.non2xx + r.ack.errors + r.ack.timeouts > 0 ? `${r.ack.non2xx + r.ack.errors + r.ack.timeouts} failed` : "",
    ].filter(Boolean);
    console.log(`  | ${r.senders} | ${r.state} | ${fmt(r.bare.perSecond)} | ${fmt(r.ack.perSecond)} | ${fmt(ratio * 100, 1)} % | ${fmt(r.ack.p50, 1)} ms | ${fmt(r.ack.p99, 1)} ms | ${fmt(r.backlogAtStart)} | ${fmt(r.drain.perSecond)}/s | ${missed.length ? `missed: ${missed.join(", ")}` : "met"} |`);
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
