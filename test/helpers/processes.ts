// Runs the real CLI and server as child processes, on the test's own database (a PostgreSQL schema or
// a PGlite directory) and store, exactly as a user would from a shell.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DATABASE_URL, REDIS_URL, uniqueName } from "./backends.js";
import { waitFor } from "./wait.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/**
 * node with tsx's loader, not the tsx wrapper: the wrapper runs the program in a second process, so a
 * test's SIGKILL killed the wrapper and left the server listening (orphaned, holding its port).
 */
// tsx's loader by its full address: a CLI run from another folder still finds it.
const TSX = import.meta.resolve("tsx");

export function tsNodeWith(file: string, args: string[], env: Record<string, string>, cwd = ROOT) {
  return spawn(process.execPath, ["--import", TSX, join(ROOT, "src", file), ...args], { cwd, env, stdio: "pipe" });
}

/** Environment for one isolated installation: its own schema or data directory. */
export function isolatedEnv(): Record<string, string> {
  // The scheduler is off unless a test turns it on: its start-up catch-up would send today's reminders.
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "warn", SCHEDULER: "off" };
  // A data directory of its own on both backends: the server locks it (or, on PostgreSQL, its journal in it).
  env.DATA_DIR = mkdtempSync(join(tmpdir(), "duikou-data-"));
  if (DATABASE_URL) Object.assign(env, { DATABASE_URL, DATABASE_SCHEMA: uniqueName("e2e") });
  if (REDIS_URL) Object.assign(env, { REDIS_URL, REDIS_PREFIX: `${uniqueName("e2e")}:` });
  return env;
}

export function runCli(args: string[], o: { env: Record<string, string>; input?: string; cwd?: string }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = tsNodeWith("cli.ts", args, o.env, o.cwd);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(o.input ?? "");
  });
}

export type ServerProcess = {
  child: ChildProcess; base: string; output: () => string;
  /** Resolves true once the server has written `text` (its log is asynchronous), false after `ms`. */
  printed(text: string, ms?: number): Promise<boolean>;
  /**
   * Resolves true once every message the server has stored is processed (its /metrics queue depth is 0):
   * after the copies of a message were acknowledged, nothing more can come of them.
   */
  drained(): Promise<boolean>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

const START_MS = 90_000;

export async function startServer(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const child = tsNodeWith("main.ts", [], { ...env, PORT: String(port), LOG_LEVEL: "info" });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const base = `http://127.0.0.1:${port}`;
  // Waits for the lines that say it listens and its processing thread is ready (it is on /readyz only
  // then), or its exit. The bound is generous: on a machine running both suites and a browser, tsx,
  // PGlite and the migrations took over 20 s to start once.
  const up = () => /duikou listening/.test(output) && /processing thread ready/.test(output);
  const started = await new Promise<"listening" | "exited" | "timeout">((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), START_MS);
    const check = () => up() && (clearTimeout(timer), resolve("listening"));
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    child.once("exit", () => (clearTimeout(timer), resolve(up() ? "listening" : "exited")));
    check();
  });
  if (started === "exited") throw new Error(`server exited: ${output}`);
  if (started === "timeout") throw new Error(`server did not start in ${START_MS / 1000} s: ${output}`);
  return {
    child, base, output: () => output,
    printed: (text, ms = 10_000) => new Promise<boolean>((resolve) => {
      if (output.includes(text)) return resolve(true);
      const timer = setTimeout(() => (child.stdout!.off("data", check), resolve(false)), ms);
      const check = () => output.includes(text) && (clearTimeout(timer), child.stdout!.off("data", check), resolve(true));
      child.stdout!.on("data", check);
    }),
    // A zero read after this call began: the queue figures are cached for a second (http/metrics.ts).
    drained: () => {
      const since = Date.now() / 1000;
      return waitFor(async () => {
        const text = await (await fetch(`${base}/metrics`)).text();
        const readAt = Number(/^duikou_inbound_queue_read_timestamp_seconds (\S+)$/m.exec(text)?.[1] ?? 0);
        return readAt > since && /^duikou_inbound_queue_depth 0$/m.test(text);
      });
    },
    async stop(signal = "SIGTERM") {
      child.kill(signal);
      return exited;
    },
  };
}
