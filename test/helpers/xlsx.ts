// Reading an exported workbook back as a clerk sees it.
import ExcelJS from "exceljs";

export async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}

/** A row's cells across the sheet's width, an empty cell as "" (as a clerk sees it). */
export const rowValues = (sheet: ExcelJS.Worksheet, row: number) =>
  Array.from({ length: sheet.columnCount }, (_, i) => sheet.getRow(row).getCell(i + 1).value ?? "");

/** Each row by the text of its first cell. */
export function rowsByLabel(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.CellValue[]> {
  const rows = new Map<string, ExcelJS.CellValue[]>();
  sheet.eachRow((row) => void rows.set(String(row.getCell(1).value), rowValues(sheet, row.number)));
  return rows;
}
