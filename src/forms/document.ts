// A form as rows of cells, independent of the file it is written to: each exporter builds one, and
// xlsx.ts / csv.ts write it. Keeps the layout in one place per form and the file formats in one place each.

export type Cell = string | number | null;

export type Row = {
  cells: Cell[];
  // title: the form's heading; header: a table's column names; table: a bordered table row; text: a plain line.
  style?: "title" | "header" | "table" | "text";
  // Column ranges (1-based, inclusive) merged into one cell, e.g. a title across the form.
  merges?: [number, number][];
  // Columns merged with the row below (a header of two rows, as 附件3 prints it).
  mergeDown?: number[];
  height?: number;
  // The form ends here: a printed page break after this row.
  pageBreak?: boolean;
};

/**
 * `headerRows`: the rows (1-based, inclusive) printed again at the top of every page. A sheet of ten
 * columns or more prints landscape; every sheet is fitted to the page's width.
 */
export type Sheet = { name: string; widths: number[]; rows: Row[]; headerRows?: [number, number] };

/** Wide tables (the quarterly form's 18–21 columns, the month's 汇总) print landscape. */
export const LANDSCAPE_FROM_COLUMNS = 10;

/** The XLSX holds the sheets; the CSV holds one flat table (header first) that opens in Excel. */
export type FormDocument = { fileName: string; sheets: Sheet[]; csv: Cell[][] };

const SHEET_NAME_MAX = 31;

/** Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, unique in the book. */
export function sheetNamer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const clean = name.replace(/[[\]:*?/\\]/g, "_").slice(0, SHEET_NAME_MAX) || "Sheet";
    let candidate = clean;
    for (let n = 2; used.has(candidate); n++) candidate = `${clean.slice(0, SHEET_NAME_MAX - String(n).length - 1)}_${n}`;
    used.add(candidate);
    return candidate;
  };
}
