import type { DbClient } from "../infra/db.js";
import { createRenderer } from "../templates/render.js";
import { formatImportSummary } from "../roster/format-summary.js";
import { importRoster, RosterRefused } from "../services/import-roster.js";
import { parseDateCell, parseRoster } from "../roster/parse-roster.js";
import { RosterFileError } from "../roster/read-table.js";
import { readRosterFile } from "../roster/read-roster-file.js";
import { describeFileError } from "../roster/describe-file-error.js";

const say = createRenderer("cli");

export type ImportArgs = { file?: string; programme: string; start?: string; end?: string };

function checkDate(value: string | undefined): string | undefined | false {
  if (value === undefined) return undefined;
  const parsed = parseDateCell(value);
  return parsed === "invalid" || parsed === undefined ? false : parsed;
}

export async function runImport(db: DbClient, args: ImportArgs): Promise<number> {
  const [start, end] = [checkDate(args.start), checkDate(args.end)];
  if (!args.file || start === false || end === false) {
    console.error(say("import.usage"));
    return 2;
  }
  try {
    const roster = parseRoster(await readRosterFile(args.file));
    const summary = await importRoster(db, roster, { programme: args.programme, start, end });
    console.log(formatImportSummary(summary, args.file, args.programme));
    return 0;
  } catch (error) {
    if (error instanceof RosterRefused) {
      console.error([say("import.refused", { programme: args.programme, count: error.refused.length }), ...error.refused.map((w) => say("import.issue", { row: w.row, message: w.message }))].join("\n"));
      return 1;
    }
    if (!(error instanceof RosterFileError)) throw error;
    console.error(describeFileError(error));
    return 1;
  }
}
