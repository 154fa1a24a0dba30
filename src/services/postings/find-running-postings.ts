// The postings a sweep looks at: running on a day (started, not ended), with what reminders need.
import type { Db } from "../../infra/db.js";
import type { LocalDate } from "../../infra/time.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { inForceDuring } from "../where.js";

const SELECT = {
  id: true, personId: true, programmeId: true, supportingOrgId: true, recipientOrgId: true, mode: true, scheduledWeekdays: true,
  status: true, startDate: true, endDate: true, notArrivedAt: true, createdAt: true,
  person: { select: { id: true, name: true, department: true, remindersPausedUntil: true } },
  recipientOrg: { select: { name: true } },
  supportingOrg: { select: { name: true } },
  programme: { select: { name: true, arrivalDeadline: true, region: true } },
} as const;

export type RunningPosting = Awaited<ReturnType<typeof findRunningPostings>>[number];

/**
 * Postings in force on some day of [from, to] (one day when `to` is left out): planned or arrived, or
 * also ended ones with `ended` (the month-end card goes to a doctor whose posting ended in the month).
 */
/** `where`: within a caller's scope (the console); every posting without. */
export function findRunningPostings(db: Db, o: { from: LocalDate; to?: LocalDate; planned?: boolean; ended?: boolean; where?: Prisma.PostingWhereInput }) {
  const status = o.planned ? "planned" as const : { in: o.ended ? ["planned" as const, "arrived" as const, "ended" as const] : ["planned" as const, "arrived" as const] };
  return db.posting.findMany({ where: { AND: [{ status, ...inForceDuring(o.from, o.to) }, o.where ?? {}] }, select: SELECT, orderBy: { id: "asc" } });
}
