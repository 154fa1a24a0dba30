// The parser against the corpus kept next to it (src/bot/parse-report.corpus.tsv): reports written the way
// doctors write and dictate them, each with what is recorded or what is quoted back as not understood.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReport, type ParsedReport } from "../../src/bot/parse-report.js";

const OPTIONS = { today: "2024-05-15", postingStart: "2024-03-01", postingEnd: "2024-08-31" };
const FILE = new URL("../../src/bot/parse-report.corpus.tsv", import.meta.url);

export const CORPUS: [string, string][] = readFileSync(FILE, "utf8").split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#"))
  .map((line) => {
    const [message, expected] = line.split("\t");
    return [message.replaceAll("\\n", "\n"), expected];
  });

function outcome(r: ParsedReport): string {
  if (r.unreadable.length > 0) return `✗ ${r.unreadable[0].fragment} ${r.unreadable[0].why}`;
  return r.items.map((i) => `${i.metric}:${i.quantity}${i.label ? `(${i.label})` : ""}${i.date === OPTIONS.today ? "" : `@${i.date}`}`).join(" ");
}

describe("the parser on reports as doctors write them", () => {
  it("holds at least a hundred of them", () => expect(CORPUS.length).toBeGreaterThanOrEqual(100));
  it.each(CORPUS)("%s → %s", (message, expected) => {
    expect(outcome(parseReport(message, OPTIONS))).toBe(expected);
  });
});
