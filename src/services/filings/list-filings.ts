// A programme's filings with their state on a day: `filed` once marked, `overdue` after the due date,
// else `due`; in the order they fall due.
import type { Db } from "../../infra/db.js";
import { dbDate, fromDbDate, type LocalDate } from "../../infra/time.js";

export type FilingState = "due" | "filed" | "overdue";
export type FilingEntry = { id: number; programmeId: number; title: string; clause: string; dueOn: LocalDate; state: FilingState; filedAt: Date | null; filedBy: string | null; note: string | null };

export const filingState = (f: { dueOn: LocalDate; filedAt: Date | null }, today: LocalDate): FilingState => (f.filedAt ? "filed" : f.dueOn < today ? "overdue" : "due");

export async function listFilings(db: Db, where: { programmeId?: number; id?: number; unfiledBefore?: LocalDate }, today: LocalDate): Promise<FilingEntry[]> {
  const rows = await db.filing.findMany({
    where: { programmeId: where.programmeId, id: where.id, ...(where.unfiledBefore ? { filedAt: null, dueOn: { lt: dbDate(where.unfiledBefore) } } : {}) },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => {
    const dueOn = fromDbDate(r.dueOn);
    return { id: r.id, programmeId: r.programmeId, title: r.title, clause: r.clause, dueOn, state: filingState({ dueOn, filedAt: r.filedAt }, today), filedAt: r.filedAt, filedBy: r.filedBy, note: r.note };
  });
}
