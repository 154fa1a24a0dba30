// Roster fixtures: the programme documents' seed tables, and small rosters built for a test.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Database } from "../../src/infra/db.js";
import { importRoster, type ImportOptions } from "../../src/services/programme/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { cleanCell, parseCsv, readTable } from "../../src/roster/read-table.js";

export const SEED_DIR = fileURLToPath(new URL("../fixtures/seed-rosters", import.meta.url));
export const seed = (name: "yubei-2021-postings" | "mingxi-2018-pairings" | "keyouzhong-2023-pairings") => join(SEED_DIR, `${name}.csv`);

export async function importSeed(db: Database, name: Parameters<typeof seed>[0], o: Partial<ImportOptions> = {}) {
  return importRoster(db.client, parseRoster(await readTable(seed(name))), { programme: name, create: true, ...o });
}

export async function importCsv(db: Database, csv: string, o: ImportOptions) {
  return importRoster(db.client, parseRoster(parseCsv(csv.trim()).map((r) => r.map(cleanCell))), { create: true, ...o });
}

/**
 * A county install with two regions: 渝北2021 governed by 云阳县 (its bureau created here) and
 * 科左中旗2023 by 科左中旗. Returns 云阳县's bureau.
 */
export async function importTwoRegions(db: Database) {
  await importSeed(db, "yubei-2021-postings", { programme: "渝北2021" });
  await importSeed(db, "keyouzhong-2023-pairings", { programme: "科左中旗2023", start: "2023-06-01", end: "2024-05-31" });
  await db.client.programme.update({ where: { name: "渝北2021" }, data: { region: "云阳县" } });
  await db.client.programme.update({ where: { name: "科左中旗2023" }, data: { region: "科左中旗" } });
  return db.client.organization.create({ data: { name: "云阳县卫生健康委员会", kind: "authority", region: "云阳县" } });
}
