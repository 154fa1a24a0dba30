// Postings as the chat pipeline sees them: which one a doctor's report belongs to today.
import type { Db } from "../infra/db.js";
import { Prisma } from "../generated/prisma/client.js";
import { dbDate, fromDbDate, type LocalDate } from "../infra/time.js";
import type { TargetRule } from "./list-targets.js";

export type CurrentPosting = {
  id: number;
  programmeId: number;
  recipientOrgName: string;
  start: LocalDate | null;
  end: LocalDate | null;
  /** Its targets, when they were read with it (a report's sender); otherwise read when needed. */
  targets?: TargetRule[];
};

type CurrentPostingRow = { id: number; programmeId: number; startDate: Date | null; endDate: Date | null; recipientOrgName: string };

/**
 * The posting a report on `today` belongs to, for the person `person` names (a value or a column): not
 * ended or replaced, and today within its dates, with the clinic's name. The same rule as
 * inForceDuring(today). A doctor listed under two clinics (科左中旗) reports into the one that started last.
 */
export const currentPostingQuery = (person: Prisma.Sql | number, today: LocalDate) => Prisma.sql`
  SELECT ps.id, ps."programmeId", ps."startDate", ps."endDate", o.name AS "recipientOrgName"
  FROM "Posting" ps JOIN "Organization" o ON o.id = ps."recipientOrgId"
  WHERE ps."personId" = ${person} AND ps.status::text IN ('planned', 'arrived')
    AND ps."startDate" <= ${dbDate(today)}::date AND (ps."endDate" IS NULL OR ps."endDate" >= ${dbDate(today)}::date)
  ORDER BY ps."startDate" DESC, ps.id DESC LIMIT 1`;

const toCurrentPosting = (row: CurrentPostingRow): CurrentPosting => ({
  id: row.id,
  programmeId: row.programmeId,
  recipientOrgName: row.recipientOrgName,
  start: row.startDate ? fromDbDate(row.startDate) : null,
  end: row.endDate ? fromDbDate(row.endDate) : null,
});

/** The posting a report on `today` belongs to (currentPostingQuery). */
export async function findCurrentPosting(db: Db, personId: number, today: LocalDate): Promise<CurrentPosting | undefined> {
  const [row] = await db.$queryRaw<CurrentPostingRow[]>(currentPostingQuery(personId, today));
  return row && toCurrentPosting(row);
}
