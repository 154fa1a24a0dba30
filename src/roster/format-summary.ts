// The import summary a clerk reads, from templates/cli.json.
import { createRenderer } from "../templates/render.js";
import type { ImportSummary } from "../services/programme/import-roster.js";

const say = createRenderer("cli");
const KINDS = ["programmes", "organizations", "people", "identities", "pairings", "postings"] as const;

export function formatImportSummary(s: ImportSummary, file: string, programme: string): string {
  const lines = [say("import.summary", { file, programme })];
  for (const kind of KINDS) lines.push(say("import.counts", { what: say(`import.what.${kind}`), ...s[kind] }));
  const nothingNew = KINDS.every((k) => s[k].created === 0 && s[k].updated === 0);
  if (nothingNew) lines.push(say("import.nothing_new"));
  // What an update changes is named (a first import's creations are counted only: they are the whole file).
  const updated = s.changes.filter((c) => c.action === "updated");
  if (updated.length > 0) lines.push(say("import.updated_list", { count: updated.length }), ...updated.map((c) => say("import.updated_item", c)));
  if (s.warnings.length > 0) lines.push(say("import.warnings", { count: s.warnings.length }), ...s.warnings.map((w) => say("import.issue", { row: w.row, message: w.message })));
  if (s.rejected.length > 0) lines.push(say("import.rejected", { count: s.rejected.length }), ...s.rejected.map((w) => say("import.issue", { row: w.row, message: w.message })));
  return lines.join("\n");
}
