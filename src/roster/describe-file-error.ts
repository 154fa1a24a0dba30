// The sentence for a roster file that could not be read, with the bound it met (the CLI and the API say the same).
import { createRenderer } from "../templates/render.js";
import { ROSTER_LIMITS } from "./limits.js";
import type { RosterFileError } from "./read-table-error.js";

const say = createRenderer("cli");
const MB = 1024 * 1024;

export function describeFileError(error: RosterFileError): string {
  const [row = "", column = ""] = error.reason === "cell_too_long" ? error.message.split(":") : [];
  const reason = say(`import.reason.${error.reason}`, {
    detail: error.message, row, column, fileMb: ROSTER_LIMITS.fileBytes / MB, inflatedMb: ROSTER_LIMITS.inflatedBytes / MB,
    parts: ROSTER_LIMITS.zipParts, columns: ROSTER_LIMITS.columns, rows: ROSTER_LIMITS.rows, cellChars: ROSTER_LIMITS.cellChars,
  });
  return say("import.failed", { reason });
}
