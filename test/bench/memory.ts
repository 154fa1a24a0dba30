// npm run bench -- memory: the idle server's resident memory, measured from outside (/proc) on the
// built server in its own process, in the shapes an installation goes through: the embedded default's
// very first start (the data directory made), its restart, and PostgreSQL + Redis; beside a bare Node
// process in the same run (the floor no server goes under), as a ratio.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";

/** The process (both threads), and each thread's V8 heap in use as /metrics reports it. */
type Reading = { rssMb: number; peakMb: number; webHeapMb?: number; processingHeapMb?: number };

/** The process's resident memory now and at its peak (both threads), from /proc. */
export function read(pid: number): Reading {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)![1]);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/**
 * Idle: at least 20 s after /readyz (V8 gives back the heap start-up took only after some idle
 * seconds), and then once ten readings a second apart are within 2 MB of each other.
 */
async function settled(pid: number): Promise<Reading> {
  const readings: Reading[] = [];
  for (let i = 0; i < 90; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    readings.push(read(pid));
    const last = readings.slice(-10).map((r) => r.rssMb);
    if (i >= 20 && Math.max(...last) - Math.min(...last) < 2) break;
  }
  return readings.at(-1)!;
}

async function ready(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server not ready");
}

/** Each thread's heap from /metrics: Node's own gauge is the web thread's; the processing thread reports its own. */
export async function heaps(port: number): Promise<Pick<Reading, "webHeapMb" | "processingHeapMb">> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN) / 2 ** 20;
  return { webHeapMb: gauge("nodejs_heap_size_used_bytes"), processingHeapMb: gauge("duikou_processing_thread_heap_bytes") };
}

async function idleServer(env: Record<string, string>): Promise<Reading> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, "build/main.js")], {
    cwd: ROOT, stdio: "ignore", env: { PATH: process.env.PATH ?? "", HOME: "/tmp", LOG_LEVEL: "warn", SCHEDULER: process.env.BENCH_SCHEDULER ?? "on", PORT: String(port), ...env },
  });
  try {
    await ready(port, child);
    const reading = await settled(child.pid!);
    return { ...reading, ...(await heaps(port)) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

async function bareNode(): Promise<Reading> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  try {
    return await settled(child.pid!);
  } finally {
    child.kill();
  }
}

export async function benchMemory(pgUrl: string, redisUrl: string | undefined): Promise<void> {
  const floor = await bareNode();
  const line = (label: string, r: Reading, limit: number) =>
    console.log(`memory, ${label}: ${r.rssMb.toFixed(0)} MB idle (peak ${r.peakMb.toFixed(0)} MB), ${(r.rssMb / floor.rssMb).toFixed(1)}× a bare Node process; limit ${limit} MB; V8 heap in use: web thread ${r.webHeapMb?.toFixed(0)} MB, processing thread ${r.processingHeapMb?.toFixed(0)} MB`);
  console.log(`memory, bare Node process (baseline): ${floor.rssMb.toFixed(0)} MB`);
  const dataDir = mkdtempSync(join(tmpdir(), "duikou-bench-memory-"));
  line("embedded, first start", await idleServer({ DATA_DIR: dataDir }), 300);
  line("embedded, restart", await idleServer({ DATA_DIR: dataDir }), 300);
  const schema = `bench_memory_${Date.now()}`;
  line(`PostgreSQL${redisUrl ? " + Redis" : ""}`, await idleServer({
    DATA_DIR: mkdtempSync(join(tmpdir(), "duikou-bench-memory-")), DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema, ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: `${schema}:` } : {}),
  }), 150);
}
