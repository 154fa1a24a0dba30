// Every posting a doctor is in on a day: a doctor posted to two clinics is asked which one a report is for.
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";
import { toPosting, type CurrentPosting, type PostingRow } from "./find-current-posting.js";

/** Every posting a report on `today` could belong to, newest first (current_postings, the same rule). */
export async function findCurrentPostings(db: Db, personId: number, today: LocalDate): Promise<CurrentPosting[]> {
  const rows = await db.$queryRaw<PostingRow[]>`SELECT * FROM "current_postings"(${personId}::int, ${dbDate(today)}::date)`;
  return rows.map(toPosting);
}
