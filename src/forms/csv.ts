// CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Chinese Windows reads GBK and shows
// mojibake), CRLF line ends, RFC 4180 quoting.
import type { Cell } from "./document.js";

const BOM = "\uFEFF";

function quote(cell: Cell): string {
  if (cell === null) return "";
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Cell[][]): Buffer {
  return Buffer.from(BOM + rows.map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n", "utf8");
}
