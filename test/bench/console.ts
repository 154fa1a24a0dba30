// The console's pages in a real Chromium, timed from outside: the compiled server (its own process, on
// PostgreSQL) with the 科左中旗 roster in post and a month of reports, each page loaded afresh (a full
// navigation until the page says it is ready), median of five. The baseline, in the same run, is the
// same browser loading the server's /healthz: what any page costs before the console does anything.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/infra/db.js";
import { importRoster } from "../../src/services/programme/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { readTable } from "../../src/roster/read-table.js";
import { createLoginLink } from "../../src/services/sessions/create-login-link.js";
import { ROOT } from "../helpers/processes.js";
import { hasChromium, launchChromium, CHROMIUM } from "../helpers/browser.js";
import { startProcess } from "./http.js";

const PAGES = ["", "postings", "posting", "import", "rules", "reports", "oversight", "assessments", "admin"];
const RUNS = 5;
const TARGET_MS = 1000;
async function medianOf(runs: number, time: (run: number) => Promise<number>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await time(i));
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)];
}
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function benchConsole(pgUrl: string): Promise<void> {
  if (!hasChromium) return console.log(`console pages: skipped, no Chromium at ${CHROMIUM}`);
  const schema = `bench_console_${randomUUID().slice(0, 8)}`;
  const db = openDatabase({ url: pgUrl, schema });
  await db.migrate();
  const table = await readTable(join(ROOT, "test/fixtures/seed-rosters/keyouzhong-2023-pairings.csv"));
  await importRoster(db.client, parseRoster(table), { programme: "科左中旗", start: day(-60), end: day(300), create: true });
  // A month of reports: every doctor, every day, three metrics.
  const postings = await db.client.posting.findMany({ select: { id: true, personId: true } });
  const entries = postings.flatMap((p) => Array.from({ length: 30 }, (_, d) => (["patients", "rounds", "lectures"] as const).map((metric, i) => ({
    postingId: p.id, personId: p.personId, metric, quantity: [20, 2, 1][i], occurredOn: new Date(`${day(-d)}T00:00:00Z`), source: "chat" as const, rawText: "门诊：20人次 查房+2 讲座+1",
  }))).flat());
  await db.client.workloadEntry.createMany({ data: entries });
  const port = 43000 + Math.floor(Math.random() * 1000);
  const env = { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema, SCHEDULER: "off", LOG_LEVEL: "info", PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: mkdtempSync(join(tmpdir(), "duikou-bench-")) };
  const link = `http://127.0.0.1:${port}/console/login?t=${await createLoginLink(db.client, { admin: true, now: new Date() })}`;
  const server = await startProcess([join(ROOT, "build/main.js")], env, /duikou listening/);
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(link);
    await page.waitForSelector("body[data-ready='1']");
    const load = async (url: string, ready?: string) => {
      const t0 = performance.now();
      await page.goto(url);
      if (ready) await page.waitForSelector(ready);
      return performance.now() - t0;
    };
    const base = await medianOf(RUNS, () => load(`http://127.0.0.1:${port}/healthz`));
    console.log(`console pages (${postings.length} postings in post, ${entries.length.toLocaleString("en-US")} entries; Chromium, full navigation until ready, median of ${RUNS}; baseline /healthz ${base.toFixed(0)} ms):`);
    for (const name of PAGES) {
      const hash = name === "posting" ? `posting/${postings[0].id}` : name;
      const ms = await medianOf(RUNS, (i) => load(`http://127.0.0.1:${port}/console/?r=${i}#/${hash}`, "body[data-ready='1']"));
      console.log(`  ${(name || "overview").padEnd(12)} ${ms.toFixed(0).padStart(5)} ms  = ${(ms / base).toFixed(1)}× baseline, ${(ms / TARGET_MS * 100).toFixed(0)} % of the 1 s target`);
    }
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await db.close();
  }
}
