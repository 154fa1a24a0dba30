// CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Chinese Windows reads GBK and shows
// mojibake), CRLF line ends, RFC 4180 quoting, and no cell that a spreadsheet would run as a formula.
import type { Cell } from "./document.js";

const BOM = "\uFEFF";

// OWASP's CSV injection guidance: a cell starting with one of these is run as a formula by Excel, WPS and
// LibreOffice; a leading apostrophe makes it text. A plain number is left alone so it stays a number.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

function neutralise(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function quote(cell: Cell): string {
  if (cell === null) return "";
  const text = typeof cell === "string" ? neutralise(cell) : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Cell[][]): Buffer {
  return Buffer.from(BOM + rows.map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n", "utf8");
}
