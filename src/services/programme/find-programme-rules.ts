// A programme's rules as applied (undefined when none were: the defaults run it), by id or by name.
import type { Db } from "../../infra/db.js";
import { ProgrammeRulesSchema, type ProgrammeRules } from "../../domain/programme.js";

export async function findProgrammeRules(db: Db, where: { id: number } | { name: string }): Promise<ProgrammeRules | undefined> {
  const row = await db.programme.findUnique({ where, select: { rules: true } });
  if (!row?.rules) return undefined;
  // Stored by applyProgramme after the same check; parsed again so a hand-edited row cannot mislead.
  const parsed = ProgrammeRulesSchema.safeParse(row.rules);
  return parsed.success ? parsed.data : undefined;
}
