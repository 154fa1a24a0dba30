// Reads a roster file into rows of trimmed, NFKC-normalised text cells. CSV (UTF-8, with or without BOM,
// or GB18030 as Excel on Chinese Windows saves it) and XLSX (first sheet).
// Every bound in roster/limits.ts is applied here, before or while the file is read; read-in-worker.ts
// runs this in its own thread with a heap and a time limit, so no file can take the server down.
import { FileError, readBounded } from "../infra/files.js";
import type ExcelJS from "exceljs";
import { RosterFileError } from "./read-table-error.js";
import { checkXlsx } from "./check-xlsx.js";
import { ROSTER_LIMITS } from "./limits.js";

export { RosterFileError } from "./read-table-error.js";

export type Table = string[][];

/**
 * RFC 4180: quoted cells may hold separators, new lines and doubled quotes. Cells right of the last
 * column a roster can have are dropped as they are read (never kept), and a file of more rows is refused.
 */
export function parseCsv(text: string): Table {
  const rows: Table = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    if (row.length < ROSTER_LIMITS.columns) row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    if (rows.push(row) > ROSTER_LIMITS.rows) throw new RosterFileError("too_long", `${rows.length}`);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}

export function decodeCsv(bytes: Buffer): string {
  if (bytes.includes(0)) throw new RosterFileError("encoding", "binary or UTF-16 content");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      throw new RosterFileError("encoding", "neither UTF-8 nor GB18030");
    }
  }
}

export const cleanCell = (value: string): string => value.normalize("NFKC").replace(/\s+/g, " ").trim();

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  if (typeof value === "object" && "result" in value) return cellText(value.result as ExcelJS.CellValue);
  if (typeof value === "object" && "text" in value) return String(value.text);
  return String(value);
}

// Parts of a worksheet a roster never needs. Data validations and conditional formats are skipped above
// all: the library expands each range of them cell by cell (one on A1:XFD1048576 is 17 billion cells).
const IGNORED_NODES = ["dataValidations", "conditionalFormatting", "hyperlinks", "autoFilter", "rowBreaks", "colBreaks", "drawing", "picture", "tableParts", "extLst", "sheetProtection", "pageSetup", "headerFooter"];

async function readXlsx(bytes: Buffer): Promise<Table> {
  checkXlsx(bytes);
  // Loaded only for an XLSX roster: CSV imports and every other command do without it.
  const { default: Excel } = await import("exceljs");
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES, maxRows: ROSTER_LIMITS.rows, maxCols: ROSTER_LIMITS.columns } as never);
  } catch (error) {
    throw new RosterFileError("format", `not a readable XLSX file (${(error as Error).message})`);
  }
  const sheet = book.worksheets[0];
  const rows: Table = [];
  sheet?.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, ROSTER_LIMITS.columns); c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  });
  return rows;
}

/** A roster file's bytes within the size bound, by `read` (the CLI's reader, or the disk here); refusals as an upload's. */
export async function readRosterBytes(path: string, read: typeof readBounded = readBounded): Promise<Buffer> {
  try {
    return await read(path, ROSTER_LIMITS.fileBytes);
  } catch (error) {
    if (error instanceof FileError) throw new RosterFileError(error.reason === "too_large" ? "too_large" : "unreadable", error.message);
    throw error;
  }
}

const isZip = (bytes: Buffer) => bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

/** A roster file on disk, read in this thread (the tests and the bench; the CLI reads through its worker). */
export async function readTable(path: string): Promise<Table> {
  return readUploadedTable(await readRosterBytes(path));
}

/** A file's bytes (the console's 名单导入, or a file the CLI read): XLSX when it starts as a ZIP does, else CSV. */
export async function readUploadedTable(bytes: Buffer): Promise<Table> {
  if (bytes.length > ROSTER_LIMITS.fileBytes) throw new RosterFileError("too_large", `${bytes.length} bytes`);
  return cleanTable(isZip(bytes) ? await readXlsx(bytes) : parseCsv(decodeCsv(bytes)));
}

/** Cleaned cells; a cell longer than any roster field is refused, naming where it is (row and column from 1). */
function cleanTable(rows: Table): Table {
  if (rows.length > ROSTER_LIMITS.rows) throw new RosterFileError("too_long", `${rows.length}`);
  const cleaned = rows.map((r, i) => r.map((c, j) => {
    const cell = cleanCell(c);
    if (cell.length > ROSTER_LIMITS.cellChars) throw new RosterFileError("cell_too_long", `${i + 1}:${j + 1}`);
    return cell;
  }));
  if (!cleaned.some((r) => r.some((c) => c !== ""))) throw new RosterFileError("empty", "no rows");
  return cleaned;
}
