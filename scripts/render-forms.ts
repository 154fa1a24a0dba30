// npm run forms:pictures: each form as a clerk will print it, in docs/forms/. The forms are exported
// from the programme documents' own rosters (in an in-memory database, with a month of reports), then
// printed to PDF by LibreOffice headless and the first page drawn as PNG by pdftoppm (Debian's
// libreoffice-calc-nogui and poppler-utils). What the README's forms table shows.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/infra/db.js";
import { parseProgrammeRules } from "../src/domain/programme.js";
import { applyProgramme } from "../src/services/programme/apply-programme.js";
import { importRoster } from "../src/services/programme/import-roster.js";
import { recordEntries } from "../src/services/workload/record-entries.js";
import { parseRoster } from "../src/roster/parse-roster.js";
import { readTable } from "../src/roster/read-table.js";
import { ExportRequestSchema, exportForm } from "../src/forms/export.js";
import { EVERYTHING } from "../src/services/where.js";
import { PROJECT_ROOT } from "../src/infra/paths.js";

const OUT = join(PROJECT_ROOT, "docs", "forms");
const work = mkdtempSync(join(tmpdir(), "duikou-forms-"));
const db = openDatabase({ dataDir: "memory://" });
await db.migrate();

for (const file of ["yubei-2021", "keyouzhong-2023", "mingxi-2018"]) {
  const parsed = parseProgrammeRules(JSON.parse(readFileSync(join(PROJECT_ROOT, "templates", "programmes", `${file}.json`), "utf8")));
  if ("problems" in parsed) throw new Error(parsed.problems.join("\n"));
  await applyProgramme(db.client, parsed.rules, "forms");
}
const seed = (name: string) => join(PROJECT_ROOT, "test", "fixtures", "seed-rosters", `${name}.csv`);
await importRoster(db.client, parseRoster(await readTable(seed("yubei-2021-postings"))), { programme: "渝北2021", today: "2021-04-20" });
await importRoster(db.client, parseRoster(await readTable(seed("keyouzhong-2023-pairings"))), { programme: "科左中旗", start: "2023-03-01", end: "2023-12-31", today: "2023-02-20" });
await importRoster(db.client, parseRoster(await readTable(seed("mingxi-2018-pairings"))), { programme: "明溪", today: "2018-03-10" });

// A June of reports for 渝北's doctors, so the figures are not all zero.
for (const [i, p] of (await db.client.posting.findMany({ where: { programme: { name: "渝北2021" } }, orderBy: { id: "asc" } })).entries()) {
  const items = [["patients", 60 + i * 7], ["rounds", 4 + (i % 3)], ["lectures", 1 + (i % 2)], ["trainees", 10 + i]] as const;
  await recordEntries(db.client, { postingId: p.id, personId: p.personId, source: "cli", rawText: "forms", items: items.map(([metric, quantity]) => ({ metric, quantity, date: "2021-06-15" })) });
}

const FORMS = [
  { name: "monthly-yubei", request: { form: "monthly", month: "2021-06", org: "渝北区中医院" } },
  { name: "quarterly-yubei", request: { form: "quarterly", quarter: "2021Q2", org: "重医大附三院" } },
  { name: "assessment-yubei", request: { form: "assessment", month: "2021-10", org: "渝北区中医院" } },
  { name: "roster-yubei-annex3", request: { form: "roster", programme: "渝北2021" } },
  { name: "roster-keyouzhong-relations", request: { form: "roster", programme: "科左中旗" } },
  { name: "roster-mingxi-list", request: { form: "roster", programme: "明溪" } },
  { name: "service-yubei", request: { form: "service", person: (await db.client.person.findFirstOrThrow({ where: { name: "张灵" } })).id } },
] as const;

for (const f of FORMS) {
  const file = await exportForm(db.client, ExportRequestSchema.parse(f.request), EVERYTHING, "Asia/Shanghai");
  const xlsx = join(work, `${f.name}.xlsx`);
  writeFileSync(xlsx, file.body);
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", work, xlsx], { stdio: "ignore", timeout: 120_000 });
  execFileSync("pdftoppm", ["-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", join(work, `${f.name}.pdf`), join(work, f.name)], { timeout: 60_000 });
  copyFileSync(join(work, `${f.name}.png`), join(OUT, `${f.name}.png`));
  console.log(`docs/forms/${f.name}.png`);
}
await db.close();
