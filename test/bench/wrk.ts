// wrk (the C load generator; Debian's package `wrk`) for the HTTP bench when it is installed: on a
// 2-core machine autocannon, itself a Node process, takes a core from whatever it measures. wrk sends
// each of a list of distinct requests in turn (a Lua script reads them from a file), for a fixed time.
import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export type WrkJob = { url: string; connections: number; duration: number; method?: string; requests: { path: string; body?: string }[] };
/** What a load run measured, from wrk or autocannon. */
export type LoadResult = { perSecond: number; total: number; p50: number; p99: number; ok: number; non2xx: number; errors: number; timeouts: number };

/** The wrk on PATH, or undefined. */
export function findWrk(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    try {
      accessSync(join(dir, "wrk"), constants.X_OK);
      return join(dir, "wrk");
    } catch {
      // not here
    }
  }
  return undefined;
}

// One request a line: path, a tab, the body with its newlines written as \n. Node refuses HTTP/1.1
// without Host, which wrk.format adds only from a request's own headers.
const SCRIPT = (file: string, method: string, threads: number) => `
local list = {}
for line in io.lines("${file}") do
  local path, body = line:match("([^\\t]*)\\t(.*)")
  body = body:gsub("\\\\n", "\\n")
  list[#list + 1] = wrk.format("${method}", path, { ["Host"] = "127.0.0.1", ["Content-Type"] = "text/xml" }, body ~= "" and body or nil)
end
-- Each thread has a Lua state of its own: thread k sends requests k, k + threads, k + 2 × threads, …
local threads = 0
setup = function(thread)
  thread:set("first", threads)
  threads = threads + 1
end
local i
init = function()
  i = first
end
request = function()
  local r = list[(i % #list) + 1]
  i = i + ${threads}
  return r
end
`;

const MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };
const latency = (out: string, pct: string) => {
  const m = out.match(new RegExp(`\\s${pct}%\\s+([\\d.]+)(us|ms|s)`));
  return m ? Number(m[1]) * MS[m[2]] : NaN;
};

export async function runWrk(wrk: string, job: WrkJob): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), "duikou-wrk-"));
  writeFileSync(join(dir, "requests.tsv"), job.requests.map((r) => `${r.path}\t${(r.body ?? "").replace(/\n/g, "\\n")}`).join("\n") + "\n");
  const threads = Math.min(2, job.connections); // wrk wants a connection for every thread
  writeFileSync(join(dir, "requests.lua"), SCRIPT(join(dir, "requests.tsv"), job.method ?? "POST", threads));
  const args = [`-t${threads}`, `-c${job.connections}`, `-d${job.duration}s`, "--latency", "-s", join(dir, "requests.lua"), job.url];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(wrk, args, { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
  });
  const total = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const socket = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/)?.slice(1).map(Number) ?? [0, 0, 0, 0];
  return {
    perSecond: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0), total, p50: latency(out, "50"), p99: latency(out, "99"),
    ok: total - non2xx, non2xx, errors: socket[0] + socket[1] + socket[2], timeouts: socket[3],
  };
}
