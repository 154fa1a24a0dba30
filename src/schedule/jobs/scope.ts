// The postings a sweep looks at: running on a day (started, not ended), with what reminders need.
import type { Db } from "../../infra/db.js";
import type { LocalDate } from "../../infra/time.js";
import { inForceDuring } from "../../services/postings.js";

const SELECT = {
  id: true, personId: true, supportingOrgId: true, recipientOrgId: true, mode: true, scheduledWeekdays: true,
  status: true, startDate: true, endDate: true, notArrivedAt: true, createdAt: true,
  person: { select: { id: true, name: true, department: true, remindersPausedUntil: true } },
  recipientOrg: { select: { name: true } },
  supportingOrg: { select: { name: true } },
  programme: { select: { arrivalDeadline: true, region: true } },
} as const;

export type RunningPosting = Awaited<ReturnType<typeof runningPostings>>[number];

/** Postings in force on `day`: planned or arrived, started on or before it, not ended before it. */
export function runningPostings(db: Db, day: LocalDate, where: { status?: "planned" } = {}) {
  return db.posting.findMany({
    where: { status: where.status ?? { in: ["planned", "arrived"] }, ...inForceDuring(day) },
    select: SELECT,
    orderBy: { id: "asc" },
  });
}

/** Postings in force on any day of [from, to]. */
export function postingsDuring(db: Db, from: LocalDate, to: LocalDate) {
  return db.posting.findMany({
    where: { status: { in: ["planned", "arrived", "ended"] }, ...inForceDuring(from, to) },
    select: SELECT,
    orderBy: { id: "asc" },
  });
}

/** "posting:12:person:3" → 12 */
export const idIn = (subject: string, name: string): number => Number(new RegExp(`(?:^|:)${name}:(\\d+)`).exec(subject)?.[1]);
