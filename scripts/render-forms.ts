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

for (const file of ["yubei-2021", "keyouzhong-2023", "mingxi-2018", "zhongzhan", "yanchi-2023"]) {
  const parsed = parseProgrammeRules(JSON.parse(readFileSync(join(PROJECT_ROOT, "templates", "programmes", `${file}.json`), "utf8")));
  if ("problems" in parsed) throw new Error(parsed.problems.join("\n"));
  await applyProgramme(db.client, parsed.rules, "forms");
}
const seed = (name: string) => join(PROJECT_ROOT, "test", "fixtures", "seed-rosters", `${name}.csv`);
await importRoster(db.client, parseRoster(await readTable(seed("yubei-2021-postings"))), { programme: "渝北2021", today: "2021-04-20" });
await importRoster(db.client, parseRoster(await readTable(seed("keyouzhong-2023-pairings"))), { programme: "科左中旗", start: "2023-03-01", end: "2023-12-31", today: "2023-02-20" });
await importRoster(db.client, parseRoster(await readTable(seed("mingxi-2018-pairings"))), { programme: "明溪", today: "2018-03-10" });
// 中站 and 盐池 publish no roster: one doctor each, so their own assessment forms can be drawn.
const csv = (name: string, lines: string[]) => (writeFileSync(join(work, name), lines.join("\n") + "\n"), join(work, name));
await importRoster(db.client, parseRoster(await readTable(csv("zhongzhan.csv", ["支援单位,受援单位,受援单位联系人,姓名,性别,出生年月,职称,科室,派驻方式,开始日期,结束日期",
  "中站区人民医院,朱村社区卫生服务中心,赵主任,李明,男,1985.03,主治医师,内科,驻点,2022-03-07,2022-09-11"]))), { programme: "中站", today: "2022-03-01" });
await importRoster(db.client, parseRoster(await readTable(csv("yanchi.csv", ["支援单位,支援单位所在区县,受援单位,受援单位所在区县,受援单位联系人,姓名,性别,民族,职称,开始日期,结束日期",
  "吴忠市人民医院,利通区,盐池县王乐井乡卫生院,盐池县,饶占广,马丽,女,回族,主治医师,2023-06-01,2023-11-30"]))), { programme: "盐池2023", today: "2023-05-20" });

// A June of reports for 渝北's doctors, so the figures are not all zero.
for (const [i, p] of (await db.client.posting.findMany({ where: { programme: { name: "渝北2021" } }, orderBy: { id: "asc" } })).entries()) {
  const items = [["patients", 60 + i * 7], ["rounds", 4 + (i % 3)], ["lectures", 1 + (i % 2)], ["trainees", 10 + i]] as const;
  await recordEntries(db.client, { postingId: p.id, personId: p.personId, source: "cli", rawText: "forms", items: items.map(([metric, quantity]) => ({ metric, quantity, date: "2021-06-15" })) });
}

const FORMS = [
  { name: "monthly-yubei", request: { form: "monthly", month: "2021-06", org: "渝北区中医院" } },
  { name: "quarterly-yubei", request: { form: "quarterly", quarter: "2021Q2", org: "重医大附三院" } },
  { name: "assessment-yubei", request: { form: "assessment", month: "2021-10", org: "渝北区中医院" } },
  { name: "assessment-zhongzhan", request: { form: "assessment", month: "2022-09", org: "中站区人民医院" } },
  { name: "assessment-yanchi", request: { form: "assessment", month: "2023-11", org: "吴忠市人民医院" } },
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
