// A programme's filings written as entries, one per report and due date its document sets (fixed dates,
// or a cadence rolled forward as the years come): called when the rules are applied and by the daily
// report job. Entries already written, filed or not, are left as they are.
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";
import type { ProgrammeRules } from "../../domain/programme.js";
import { dueDates } from "../../domain/filing-dates.js";

export async function syncFilings(db: Db, programme: { id: number; rules: ProgrammeRules }, today: LocalDate): Promise<void> {
  const data = programme.rules.reports.flatMap((r) => dueDates(r, programme.rules, today).map((due) => ({ programmeId: programme.id, title: r.name, clause: r.clause, dueOn: dbDate(due) })));
  if (data.length > 0) await db.filing.createMany({ data, skipDuplicates: true });
}
