// The one check of a programme's rules, called by every change of its postings (roster import from the
// CLI and the console, POST /api/postings, /end, /replace): the programme is judged as it stands before
// the change and as it stands after, inside the change's transaction. A breach the change makes new or
// worse refuses the change when its document says 不得/必须 (the transaction rolls back: nothing is
// written), and is a warning for whoever made it when the document says 原则上. Breaches that were there
// before are not this change's: the daily `rules` sweep tells the bureau of them.
import type { Db } from "../../infra/db.js";
import type { LocalDate } from "../../infra/time.js";
import { breachesOfChange, judgeProgramme, type Breach } from "../../domain/judge-programme.js";
import { findProgrammeRules } from "./find-programme-rules.js";
import { loadProgrammeState } from "./load-programme-state.js";

/** A change the programme's rules refuse; thrown inside the transaction, so nothing of it is written. */
export class ProgrammeRulesRefused extends Error {
  constructor(readonly breaches: Breach[]) {
    super(`refused by the programme's rules: ${breaches.map((b) => b.key).join(", ")}`);
  }
}

export async function enforceProgrammeRules<T>(tx: Db, programmeId: number, today: LocalDate, change: () => Promise<T>): Promise<{ value: T; warnings: Breach[] }> {
  const rules = await findProgrammeRules(tx, { id: programmeId });
  if (!rules) return { value: await change(), warnings: [] };
  // Changes to one programme are judged one at a time: two imports each within the rotation limit
  // must not together exceed it.
  await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
  const before = judgeProgramme(rules, await loadProgrammeState(tx, programmeId), today);
  const value = await change();
  const made = breachesOfChange(before, judgeProgramme(rules, await loadProgrammeState(tx, programmeId), today));
  const refused = made.filter((b) => b.level === "refuse");
  if (refused.length > 0) throw new ProgrammeRulesRefused(refused);
  return { value, warnings: made };
}
