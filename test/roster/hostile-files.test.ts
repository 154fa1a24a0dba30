// Roster files built to hurt the server (issue 26): each is refused by the bound it meets, with the
// sentence a clerk reads, or read without expanding what it should not; the reader runs in its own thread.
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readTableInWorker } from "../../src/roster/read-in-worker.js";
import { readUploadedTable, RosterFileError } from "../../src/roster/read-table.js";
import { describeFileError } from "../../src/roster/describe-file-error.js";
import { ROSTER_LIMITS } from "../../src/roster/limits.js";
import { cell, row, ROSTER_HEADER, rosterRows, workbookWith, zip } from "../helpers/crafted-xlsx.js";

const DOCTOR = ["县医院", "乡卫生院", "李医生", "2021-05-01", "2021-10-31"];
const refusal = (bytes: Buffer) => readTableInWorker(bytes).then(() => undefined, (e: unknown) => e as RosterFileError);

describe("hostile roster files", () => {
  it("reads a hand-made workbook as the importer expects (the builder is sound)", async () => {
    expect(await readTableInWorker(workbookWith(rosterRows([ROSTER_HEADER, DOCTOR])))).toEqual([ROSTER_HEADER, DOCTOR]);
  });

  it("refuses a cell in column XFD on every row, naming the column bound, before the XLSX library expands it", async () => {
    const rows = rosterRows([ROSTER_HEADER]) + Array.from({ length: 300 }, (_, i) => row(i + 2, DOCTOR.map((t, j) => cell(`${String.fromCharCode(65 + j)}${i + 2}`, t)).join("") + cell(`XFD${i + 2}`, "x"))).join("");
    const file = workbookWith(rows);
    expect(file.length).toBeLessThan(16 * 1024);
    const error = await refusal(file);
    expect(error).toMatchObject({ reason: "too_wide" });
    expect(describeFileError(error!)).toContain(`最多 ${ROSTER_LIMITS.columns} 列`);
  });

  it("refuses a merged range or a row number past the bounds", async () => {
    expect(await refusal(workbookWith(rosterRows([ROSTER_HEADER]), { after: '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>' }))).toMatchObject({ reason: "too_wide" });
    expect(await refusal(workbookWith(rosterRows([ROSTER_HEADER]) + row(1_048_576, cell("A1048576", "x"))))).toMatchObject({ reason: "too_long" });
  });

  it("skips a data validation over the whole sheet, which the XLSX library would expand cell by cell", async () => {
    const validation = '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>';
    expect(await readTableInWorker(workbookWith(rosterRows([ROSTER_HEADER, DOCTOR]), { after: validation }))).toEqual([ROSTER_HEADER, DOCTOR]);
  });

  it("refuses a zip bomb by what its part really inflates to, whatever its headers say", async () => {
    const bomb = Buffer.alloc(ROSTER_LIMITS.partBytes + 1024 * 1024, 0x20);
    const lying = workbookWith("", { sheet: { data: Buffer.concat([Buffer.from('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'), bomb, Buffer.from("</sheetData></worksheet>")]), declaredSize: 1000 } });
    expect(deflateRawSync(bomb).length).toBeLessThan(ROSTER_LIMITS.fileBytes);
    expect(await refusal(lying)).toMatchObject({ reason: "too_large" });
    const many = zip(Array.from({ length: ROSTER_LIMITS.zipParts + 1 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.from("x") })));
    expect(await refusal(many)).toMatchObject({ reason: "too_large" });
  });

  it("refuses a file over the size bound before reading it", async () => {
    expect(await refusal(Buffer.alloc(ROSTER_LIMITS.fileBytes + 1, 0x41))).toMatchObject({ reason: "too_large" });
  });

  it("refuses a CSV cell longer than any roster field, naming where it is, and keeps only the roster's columns", async () => {
    const long = `${ROSTER_HEADER.join(",")}\n${DOCTOR.slice(0, 2).join(",")},${"长".repeat(3000)},2021-05-01,2021-10-31\n`;
    const error = await readUploadedTable(Buffer.from(long)).catch((e: RosterFileError) => e);
    expect(error).toMatchObject({ reason: "cell_too_long" });
    expect(describeFileError(error as RosterFileError)).toContain("第 2 行第 3 列");
    const wide = `${ROSTER_HEADER.join(",")}${",".repeat(200_000)}\n${DOCTOR.join(",")}\n`;
    const table = await readUploadedTable(Buffer.from(wide));
    expect(table.map((r) => r.length)).toEqual([ROSTER_LIMITS.columns, DOCTOR.length]);
    const tall = `${ROSTER_HEADER.join(",")}\n${`${DOCTOR.join(",")}\n`.repeat(ROSTER_LIMITS.rows + 1)}`;
    expect(await readUploadedTable(Buffer.from(tall)).catch((e: RosterFileError) => e)).toMatchObject({ reason: "too_long" });
  });
});
