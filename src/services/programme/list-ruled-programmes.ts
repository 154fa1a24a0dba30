// The programmes that have rules applied, with them (the jobs that follow a programme's document).
import type { Db } from "../../infra/db.js";
import { ProgrammeRulesSchema, type ProgrammeRules } from "../../domain/programme.js";

export async function listRuledProgrammes(db: Db): Promise<{ id: number; rules: ProgrammeRules }[]> {
  // A county has a handful of programmes: read them all and keep those with rules.
  const rows = await db.programme.findMany({ select: { id: true, rules: true }, orderBy: { id: "asc" } });
  return rows.flatMap((r) => {
    if (r.rules === null) return [];
    const parsed = ProgrammeRulesSchema.safeParse(r.rules);
    return parsed.success ? [{ id: r.id, rules: parsed.data }] : [];
  });
}
