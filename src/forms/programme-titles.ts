// The title each programme gives a form (its document's, from `forms` in its rules), else the default.
import type { Db } from "../infra/db.js";
import { findProgrammeRules } from "../services/programme/find-programme-rules.js";

/** `quarterlyTitle`: without one of its own, the document's title names the programme. */
export async function programmeTitles(db: Db, programmeIds: number[], form: "assessmentTitle" | "monthlyTitle" | "quarterlyTitle", fallback: string): Promise<Map<number, string>> {
  const ids = [...new Set(programmeIds)];
  const rules = await Promise.all(ids.map((id) => findProgrammeRules(db, { id })));
  return new Map(ids.map((id, i) => [id, rules[i]?.forms?.[form] ?? (form === "quarterlyTitle" ? rules[i]?.title : undefined) ?? fallback]));
}
