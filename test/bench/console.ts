// The console's pages in a real Chromium, timed from outside: the compiled server (its own process, on
// PostgreSQL) with the 科左中旗 roster in post and a month of reports, each page loaded afresh (a full
// navigation until the page says it is ready), median of five. The baseline, in the same run, is the
// same browser loading the server's /healthz: what any page costs before the console does anything.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { openDatabase, type Database } from "../../src/infra/db.js";
import { generatedRoster } from "./roster.js";
import { importRoster } from "../../src/services/programme/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { readTable } from "../../src/roster/read-table.js";
import { createLoginLink } from "../../src/services/sessions/create-login-link.js";
import { ROOT } from "../helpers/processes.js";
import { freePort } from "../helpers/ports.js";
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

type Timed = { label: string; ms: number };

/** The list a clerk works from, at 10,000 postings: first page, a filter by part of a clinic's name, a sort by name (pinyin), the next page. */
async function benchPostingsList(pgUrl: string): Promise<void> {
  const schema = `bench_list_${randomUUID().slice(0, 8)}`;
  const db = openDatabase({ url: pgUrl, schema });
  await db.migrate();
  await importRoster(db.client, parseRoster(generatedRoster(10_000)), { programme: "bench", create: true });
  await withServer(pgUrl, schema, db, async (page, origin) => {
    const baseline = await medianOf(RUNS, async () => { const t0 = performance.now(); await page.goto(`${origin}/healthz`); return performance.now() - t0; });
    const ready = () => page.waitForSelector("body[data-ready='1']");
    const timed = async (label: string, act: () => Promise<unknown>): Promise<Timed> => {
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto(`${origin}/console/?r=${i}#/postings`);
        await ready();
        const t0 = performance.now();
        await act();
        xs.push(performance.now() - t0);
      }
      return { label, ms: xs.sort((a, b) => a - b)[Math.floor(RUNS / 2)] };
    };
    const redrawn = async (act: () => Promise<unknown>) => { await act(); await ready(); };
    const rows: Timed[] = [
      await timed("first page", async () => { await page.goto(`${origin}/console/?x#/postings`); await ready(); }),
      await timed("filter 卫生院12", () => redrawn(async () => { await page.fill("#postings-filter input[name=recipientOrg]", "卫生院12"); await page.click("#postings-filter button[type=submit]"); })),
      await timed("sort by doctor", () => redrawn(() => page.click("#postings-list th[data-sort=person]"))),
      await timed("next page", () => redrawn(() => page.click("#postings-list button[data-page='2']"))),
    ];
    console.log(`postings list (10,000 postings; Chromium, until the list is drawn, median of ${RUNS}; baseline /healthz ${baseline.toFixed(0)} ms):`);
    for (const r of rows) console.log(`  ${r.label.padEnd(16)} ${r.ms.toFixed(0).padStart(5)} ms  = ${(r.ms / baseline).toFixed(1)}× baseline, ${(r.ms / TARGET_MS * 100).toFixed(0)} % of the 1 s target`);
  });
}

/** The compiled server on `schema`, a browser signed in as the admin; stopped afterwards. */
async function withServer(pgUrl: string, schema: string, db: Database, run: (page: Page, origin: string) => Promise<void>): Promise<void> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema, SCHEDULER: "off", LOG_LEVEL: "info", PORT: String(port), PUBLIC_URL: origin, DATA_DIR: mkdtempSync(join(tmpdir(), "duikou-bench-")) };
  const link = `${origin}/console/login?t=${await createLoginLink(db.client, { admin: true, now: new Date() })}`;
  const server = await startProcess([join(ROOT, "build/main.js")], env, /duikou listening/);
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(link);
    await page.waitForSelector("body[data-ready='1']");
    await page.click("#signin button");
    await page.waitForURL("**/console/");
    await page.waitForSelector("body[data-ready='1']");
    await run(page, origin);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await db.close();
  }
}

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
  await withServer(pgUrl, schema, db, async (page, origin) => {
    const load = async (url: string, ready?: string) => {
      const t0 = performance.now();
      await page.goto(url);
      if (ready) await page.waitForSelector(ready);
      return performance.now() - t0;
    };
    const baseline = await medianOf(RUNS, () => load(`${origin}/healthz`));
    console.log(`console pages (${postings.length} postings in post, ${entries.length.toLocaleString("en-US")} entries; Chromium, signed in as the admin, full navigation until ready, median of ${RUNS}; baseline /healthz ${baseline.toFixed(0)} ms):`);
    for (const name of PAGES) {
      const hash = name === "posting" ? `posting/${postings[0].id}` : name;
      const ms = await medianOf(RUNS, (i) => load(`${origin}/console/?r=${i}#/${hash}`, `body[data-ready='1'][data-page='${name === "" ? "overview" : name}']`));
      console.log(`  ${(name || "overview").padEnd(12)} ${ms.toFixed(0).padStart(5)} ms  = ${(ms / baseline).toFixed(1)}× baseline, ${(ms / TARGET_MS * 100).toFixed(0)} % of the 1 s target`);
    }
  });
  await benchPostingsList(pgUrl);
}
