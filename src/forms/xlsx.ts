// XLSX through exceljs's streaming writer: rows are written and let go as they come, so a month of
// 10,000 postings does not hold a workbook's worth of cell objects in memory.
import { FORMS } from "./layout.js";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { LANDSCAPE_FROM_COLUMNS, type FormDocument, type Row } from "./document.js";

const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: FORMS.font, size: 11 };

const STYLES: Record<NonNullable<Row["style"]>, Partial<ExcelJS.Style>> = {
  title: { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle" } },
  header: { font: { ...FONT, bold: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true }, border: BORDER },
  table: { font: FONT, alignment: { vertical: "middle", wrapText: true }, border: BORDER },
  text: { font: FONT, alignment: { vertical: "middle", wrapText: true } },
};

/** A, B, … Z, AA, …: the column's letters. */
function columnLetters(n: number): string {
  let letters = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return letters;
}

type MergeList = { toString(): string }[];

/**
 * exceljs's mergeCells checks each new merge against every earlier one, which is quadratic: the 40,000
 * merges of 10,000 monthly forms take minutes. Ours are one-row ranges that never overlap (document.ts),
 * so they go straight onto the writer's list, which it writes out as <mergeCell ref="A1:F1"/>.
 */
function merge(sheet: ExcelJS.Worksheet, row: number, from: number, to: number, down = 0): void {
  const list = (sheet as unknown as { _merges?: MergeList })._merges;
  if (!Array.isArray(list)) return void sheet.mergeCells(row, from, row + down, to);
  const ref = `${columnLetters(from)}${row}:${columnLetters(to)}${row + down}`;
  list.push({ toString: () => ref });
}

function writeRow(sheet: ExcelJS.Worksheet, index: number, row: Row): void {
  const xlsxRow = sheet.getRow(index);
  const style = STYLES[row.style ?? "text"];
  row.cells.forEach((value, i) => {
    const cell = xlsxRow.getCell(i + 1);
    cell.value = value;
    cell.style = style;
  });
  if (row.height) xlsxRow.height = row.height;
  for (const [from, to] of row.merges ?? []) merge(sheet, index, from, to);
  for (const column of row.mergeDown ?? []) merge(sheet, index, column, column, 1);
  if (row.pageBreak) xlsxRow.addPageBreak();
  xlsxRow.commit();
}

export async function toXlsx(doc: FormDocument): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => (out.on("end", resolve), out.on("error", reject)));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const sheet of doc.sheets) {
    const orientation = sheet.widths.length >= LANDSCAPE_FROM_COLUMNS ? "landscape" : "portrait";
    const titles = sheet.headerRows ? { printTitlesRow: `${sheet.headerRows[0]}:${sheet.headerRows[1]}` } : {};
    const ws = book.addWorksheet(sheet.name, { pageSetup: { paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, ...titles } });
    ws.columns = sheet.widths.map((width) => ({ width }));
    sheet.rows.forEach((row, i) => writeRow(ws, i + 1, row));
    ws.commit();
  }
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
