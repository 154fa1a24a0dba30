// Postings as the chat pipeline sees them: which one a doctor's report belongs to today.
import type { Db } from "../../infra/db.js";
import { dbDate, fromDbDate, type LocalDate } from "../../infra/time.js";
import type { TargetRule } from "../targets/list-targets.js";

export type CurrentPosting = {
  id: number;
  programmeId: number;
  recipientOrgName: string;
  start: LocalDate | null;
  end: LocalDate | null;
  /** Its targets, when they were read with it (a report's sender); otherwise read when needed. */
  targets?: TargetRule[];
};

export type PostingRow = { id: number; programmeId: number; startDate: Date | null; endDate: Date | null; recipientOrgName: string };

export const toPosting = (row: PostingRow): CurrentPosting => ({
  id: row.id, programmeId: row.programmeId, recipientOrgName: row.recipientOrgName, start: row.startDate && fromDbDate(row.startDate), end: row.endDate && fromDbDate(row.endDate),
});

/**
 * The posting a report on `today` belongs to: not ended or replaced, and today within its dates; the newest
 * when there are several. The rule is the database function current_postings (migration 20261204210000),
 * whose first row current_posting is, which find_sender uses too.
 */
export async function findCurrentPosting(db: Db, personId: number, today: LocalDate): Promise<CurrentPosting | undefined> {
  const [row] = await db.$queryRaw<PostingRow[]>`SELECT * FROM "current_posting"(${personId}::int, ${dbDate(today)}::date)`;
  return row && toPosting(row);
}
