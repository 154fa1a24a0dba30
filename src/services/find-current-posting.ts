// Postings as the chat pipeline sees them: which one a doctor's report belongs to today.
import type { Db } from "../infra/db.js";
import { dbDate, fromDbDate, type LocalDate } from "../infra/time.js";

export type CurrentPosting = {
  id: number;
  programmeId: number;
  recipientOrgName: string;
  start: LocalDate | null;
  end: LocalDate | null;
};

/**
 * The posting a report on `today` belongs to: not ended or replaced, and today within its dates.
 * A doctor listed under two clinics (科左中旗) reports into the one that started last.
 */
export async function findCurrentPosting(db: Db, personId: number, today: LocalDate): Promise<CurrentPosting | undefined> {
  // One query, on every report: the same rule as inForceDuring(today), with the clinic's name joined.
  const [posting] = await db.$queryRaw<{ id: number; programmeId: number; startDate: Date | null; endDate: Date | null; recipientOrgName: string }[]>`
    SELECT ps.id, ps."programmeId", ps."startDate", ps."endDate", o.name AS "recipientOrgName"
    FROM "Posting" ps JOIN "Organization" o ON o.id = ps."recipientOrgId"
    WHERE ps."personId" = ${personId} AND ps.status::text IN ('planned', 'arrived')
      AND ps."startDate" <= ${dbDate(today)}::date AND (ps."endDate" IS NULL OR ps."endDate" >= ${dbDate(today)}::date)
    ORDER BY ps."startDate" DESC, ps.id DESC LIMIT 1`;
  if (!posting) return undefined;
  return {
    id: posting.id,
    programmeId: posting.programmeId,
    recipientOrgName: posting.recipientOrgName,
    start: posting.startDate ? fromDbDate(posting.startDate) : null,
    end: posting.endDate ? fromDbDate(posting.endDate) : null,
  };
}
