// XLSX through exceljs's streaming writer: rows are written and let go as they come, so a month of
// 10,000 postings does not hold a workbook's worth of cell objects in memory.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { FormDocument, Row } from "./document.js";

const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: "宋体", size: 11 };

const STYLES: Record<NonNullable<Row["style"]>, Partial<ExcelJS.Style>> = {
  title: { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle" } },
  header: { font: { ...FONT, bold: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true }, border: BORDER },
  table: { font: FONT, alignment: { vertical: "middle", wrapText: true }, border: BORDER },
  text: { font: FONT, alignment: { vertical: "middle", wrapText: true } },
};

function writeRow(sheet: ExcelJS.Worksheet, index: number, row: Row): void {
  const xlsxRow = sheet.getRow(index);
  const style = STYLES[row.style ?? "text"];
  row.cells.forEach((value, i) => {
    const cell = xlsxRow.getCell(i + 1);
    cell.value = value;
    Object.assign(cell, { style });
  });
  if (row.height) xlsxRow.height = row.height;
  for (const [from, to] of row.merges ?? []) sheet.mergeCells(index, from, index, to);
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
    const ws = book.addWorksheet(sheet.name, { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = sheet.widths.map((width) => ({ width }));
    sheet.rows.forEach((row, i) => writeRow(ws, i + 1, row));
    ws.commit();
  }
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
