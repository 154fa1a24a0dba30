import type { DbClient } from "../infra/db.js";
import { createRenderer } from "../templates/render.js";
import { formatImportSummary } from "../roster/format-summary.js";
import { importRoster, ProgrammeMissing, RosterRefused } from "../services/programme/import-roster.js";
import { audit } from "../services/audit/audit.js";
import { basename } from "node:path";
import { parseDateCell, parseRoster } from "../roster/parse-roster.js";
import { readRosterBytes, RosterFileError } from "../roster/read-table.js";
import { readTableInWorker } from "../roster/read-in-worker.js";
import { describeFileError } from "../roster/describe-file-error.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");

export type ImportArgs = { file?: string; programme: string; start?: string; end?: string; create: boolean; today: string };

function checkDate(value: string | undefined): string | undefined | false {
  if (value === undefined) return undefined;
  const parsed = parseDateCell(value);
  return parsed === "invalid" || parsed === undefined ? false : parsed;
}

export async function runImport(io: CliIo, db: DbClient, args: ImportArgs): Promise<number> {
  const [start, end] = [checkDate(args.start), checkDate(args.end)];
  if (!args.file || start === false || end === false) {
    io.err(say("import.usage"));
    return 2;
  }
  try {
    const roster = parseRoster(await readTableInWorker(await readRosterBytes(args.file, io.readFile)));
    const summary = await importRoster(db, roster, { programme: args.programme, start, end, create: args.create, today: args.today });
    // As the console's import is recorded: who imported which file into which programme, and what changed.
    await audit(db, "cli", "roster.import", `programme:${args.programme}`, { fileName: basename(args.file), postings: summary.postings, people: summary.people });
    io.out(formatImportSummary(summary, args.file, args.programme));
    return 0;
  } catch (error) {
    if (error instanceof RosterRefused) {
      io.err([say("import.refused", { programme: args.programme, count: new Set(error.refused.map((w) => w.row)).size }), ...error.refused.map((w) => say("import.issue", { row: w.row, message: w.message }))].join("\n"));
      return 1;
    }
    if (error instanceof ProgrammeMissing) return io.err(say("import.no_programme", { programme: args.programme })), 1;
    if (!(error instanceof RosterFileError)) throw error;
    io.err(describeFileError(error));
    return 1;
  }
}
