// Reads a roster file into rows of trimmed, NFKC-normalised text cells. CSV (UTF-8, with or without BOM,
// or GB18030 as Excel on Chinese Windows saves it) and XLSX (first sheet).
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import type ExcelJS from "exceljs";

export class RosterFileError extends Error {
  constructor(readonly reason: "unreadable" | "encoding" | "empty" | "format", detail: string) {
    super(detail);
  }
}

export type Table = string[][];

/** RFC 4180: quoted cells may hold separators, new lines and doubled quotes. */
export function parseCsv(text: string): Table {
  const rows: Table = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell), rows.push(row), (row = []), (cell = "");
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) row.push(cell), rows.push(row);
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

async function readXlsx(from: string | Buffer): Promise<Table> {
  // Loaded only for an XLSX roster: CSV imports and every other command do without it.
  const { default: Excel } = await import("exceljs");
  const book = new Excel.Workbook();
  try {
    if (typeof from === "string") await book.xlsx.readFile(from);
    else await book.xlsx.load(from as unknown as ArrayBuffer);
  } catch (error) {
    throw new RosterFileError("format", `not a readable XLSX file (${(error as Error).message})`);
  }
  const sheet = book.worksheets[0];
  const rows: Table = [];
  sheet?.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  });
  return rows;
}

export async function readTable(path: string): Promise<Table> {
  if (extname(path).toLowerCase() === ".xlsx") return cleanTable(await readXlsx(path));
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new RosterFileError("unreadable", (error as Error).message);
  }
  return cleanTable(parseCsv(decodeCsv(bytes)));
}

/** An uploaded file (the console's 名单导入): XLSX when it starts as a ZIP does, else CSV. */
export async function readUploadedTable(bytes: Buffer): Promise<Table> {
  const zip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  return cleanTable(zip ? await readXlsx(bytes) : parseCsv(decodeCsv(bytes)));
}

function cleanTable(rows: Table): Table {
  const cleaned = rows.map((r) => r.map((c) => cleanCell(c)));
  if (!cleaned.some((r) => r.some((c) => c !== ""))) throw new RosterFileError("empty", "no rows");
  return cleaned;
}
