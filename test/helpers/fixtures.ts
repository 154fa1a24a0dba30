// Roster fixtures: the programme documents' seed tables, and small rosters built for a test.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Database } from "../../src/infra/db.js";
import { importRoster, type ImportOptions } from "../../src/services/import-roster.js";
import { parseRoster } from "../../src/roster/parse-roster.js";
import { cleanCell, parseCsv, readTable } from "../../src/roster/read-table.js";

export const SEED_DIR = fileURLToPath(new URL("../fixtures/seed-rosters", import.meta.url));
export const seed = (name: "yubei-2021-postings" | "mingxi-2018-pairings" | "keyouzhong-2023-pairings") => join(SEED_DIR, `${name}.csv`);

export async function importSeed(db: Database, name: Parameters<typeof seed>[0], o: Partial<ImportOptions> = {}) {
  return importRoster(db.client, parseRoster(await readTable(seed(name))), { programme: name, ...o });
}

export async function importCsv(db: Database, csv: string, o: ImportOptions) {
  return importRoster(db.client, parseRoster(parseCsv(csv.trim()).map((r) => r.map(cleanCell))), o);
}
