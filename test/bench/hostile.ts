// `npm run bench -- hostile`: what hostile input costs the server (issue 26), next to a baseline in the same
// run. The WeCom XML reader's CPU per 64 KB body of each shape that runs before the signature is checked
// (against JSON.parse of the same size); and crafted roster uploads to the real server in its own process:
// how far its memory rises over idle, and /healthz's latency while each upload is read (against idle).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXml } from "../../src/channels/wecom/xml.js";
import { ROSTER_LIMITS } from "../../src/roster/limits.js";
import { cell, row, ROSTER_HEADER, rosterRows, workbookWith } from "../helpers/crafted-xlsx.js";
import { ROOT } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";
import { HOSTILE_XML, XML_BODY_CHARS } from "../helpers/hostile-xml.js";

function cpuMicros(run: () => void, n: number): number {
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) run();
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / n;
}

function benchXml(): void {
  const json = JSON.stringify({ text: "x".repeat(XML_BODY_CHARS - 20) });
  const baseline = cpuMicros(() => JSON.parse(json), 200);
  console.log(`WeCom XML reader before the signature, 64 KB bodies (baseline JSON.parse of 64 KB: ${baseline.toFixed(0)} µs):`);
  for (const [name, body] of HOSTILE_XML) {
    // As the callback reads an envelope before its signature: only Encrypt and AgentID are decoded.
    const us = cpuMicros(() => { try { readXml(body, ["Encrypt", "AgentID"]); } catch { /* refused: the cost is what counts */ } }, 200);
    console.log(`  ${name.padEnd(40)} ${us.toFixed(0).padStart(6)} µs CPU  (${(us / baseline).toFixed(1)}× JSON.parse)`);
  }
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

/** /healthz one after another until `until` settles: latencies, the slowest, and refused connections (a keep-alive socket the server closed as idle while the client reused it is retried, and counted). */
async function latencies(base: string, until: Promise<unknown>, pid: number): Promise<{ p50: number; p99: number; max: number; resets: number; peakMb: number }> {
  const times: number[] = [];
  let done = false;
  let peakMb = 0;
  let resets = 0;
  void until.finally(() => (done = true));
  while (!done || times.length < 20) {
    const t0 = performance.now();
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (!ok && ++resets < 100) continue;
    times.push(performance.now() - t0);
    peakMb = Math.max(peakMb, rssMb(pid));
    if (times.length > 20_000) break;
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)], max: times.at(-1)!, resets, peakMb };
}

async function benchUploads(): Promise<void> {
  const port = await freePort();
  const token = "bench-admin-token-0123456789";
  const env = { PATH: process.env.PATH ?? "", HOME: "/tmp", PORT: String(port), ADMIN_TOKEN: token, SCHEDULER: "off", LOG_LEVEL: "warn", DATA_DIR: mkdtempSync(join(tmpdir(), "duikou-bench-")) };
  const child = spawn(process.execPath, [join(ROOT, "build/main.js")], { cwd: ROOT, env, stdio: ["ignore", process.env.BENCH_SERVER_LOG ? "inherit" : "ignore", process.env.BENCH_SERVER_LOG ? "inherit" : "ignore"] });
  child.on("exit", (code, signal) => code !== null && code !== 0 && console.log(`server exited: ${code ?? signal}`));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const doctor = ["县医院", "乡卫生院", "李医生", "2021-05-01", "2021-10-31"];
  const xfd = rosterRows([ROSTER_HEADER]) + Array.from({ length: 300 }, (_, i) => row(i + 2, cell(`A${i + 2}`, "县医院") + cell(`XFD${i + 2}`, "x"))).join("");
  const bomb = Buffer.alloc(ROSTER_LIMITS.partBytes + 1024 * 1024, 0x20);
  const files: [string, Buffer][] = [
    ["XLSX, a cell in column XFD on 300 rows", workbookWith(xfd)],
    ["XLSX zip bomb (17 MB part, headers lie)", workbookWith("", { sheet: { data: Buffer.concat([Buffer.from("<worksheet><sheetData>"), bomb, Buffer.from("</sheetData></worksheet>")]), declaredSize: 1000 } })],
    ["XLSX, validation over the whole sheet", workbookWith(rosterRows([ROSTER_HEADER, doctor]), { after: '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a"</formula1></dataValidation></dataValidations>' })],
    ["XLSX, 10,000 doctors", workbookWith(rosterRows([ROSTER_HEADER, ...Array.from({ length: 10_000 }, (_, i) => ["县医院", `乡卫生院${i % 300}`, `医生${i}`, "2021-05-01", "2021-10-31"])]))],
    ["CSV, 200,000 commas in the header", Buffer.from(`${ROSTER_HEADER.join(",")}${",".repeat(200_000)}\n${doctor.join(",")}\n`)],
  ];
  try {
    // Idle is read after a few seconds of /healthz alone, when start-up's garbage has been collected.
    const idle = await latencies(base, new Promise((r) => setTimeout(r, 3000)), child.pid!);
    const idleMb = rssMb(child.pid!);
    console.log(`roster uploads to the server (PGlite), idle RSS ${idleMb.toFixed(0)} MB, /healthz idle p50 ${idle.p50.toFixed(1)} ms p99 ${idle.p99.toFixed(1)} ms:`);
    for (const [name, bytes] of files) {
      const upload = fetch(`${base}/api/roster/preview`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ programme: "bench", create: true, content: bytes.toString("base64") }) });
      const during = await latencies(base, upload, child.pid!);
      const res = await upload;
      const answer = (await res.json()) as { message?: string; people?: { created: number } };
      console.log(`  ${name.padEnd(40)} ${String(bytes.length).padStart(8)} B → ${res.status} ${(answer.message ?? `${answer.people?.created ?? 0} people`).slice(0, 40)}; RSS peak ${during.peakMb.toFixed(0)} MB (${(during.peakMb - idleMb) >= 0 ? "+" : ""}${(during.peakMb - idleMb).toFixed(0)}); /healthz p99 ${during.p99.toFixed(1)} ms (${(during.p99 / idle.p99).toFixed(1)}× idle), slowest ${during.max.toFixed(0)} ms${during.resets ? `, ${during.resets} reset` : ""}`);
    }
  } finally {
    child.kill("SIGTERM");
  }
}

export async function benchHostile(): Promise<void> {
  benchXml();
  await benchUploads();
}
