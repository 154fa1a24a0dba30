// The postings a form lists: in scope, overlapping a period, with their people and organisations, in
// the order the forms list them.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export const FORM_POSTING_SELECT = {
  id: true, programmeId: true, personId: true, supportingOrgId: true, recipientOrgId: true, status: true, mode: true,
  startDate: true, endDate: true, durationText: true, arrivedAt: true,
  person: { select: { name: true, gender: true, title: true, department: true, phone: true, ethnicity: true, birthMonth: true, education: true, major: true, specialty: true, appointedOn: true } },
  pairing: { select: { needs: true, plannedDoctors: true, contactPersonId: true } },
  supportingOrg: { select: { name: true } },
  recipientOrg: { select: { name: true, phone: true } },
  programme: { select: { name: true } },
  pairingId: true,
  arrivalConfirmedBy: { select: { name: true } },
} as const satisfies Prisma.PostingSelect;

export type FormPosting = Prisma.PostingGetPayload<{ select: typeof FORM_POSTING_SELECT }>;

/** Postings in scope that overlap [from, to] (any date when no period), in the order the forms list them. */
export async function findFormPostings(db: Db, scope: Prisma.PostingWhereInput, period?: { from: LocalDate; to: LocalDate }, extra: Prisma.PostingWhereInput = {}): Promise<FormPosting[]> {
  const overlap: Prisma.PostingWhereInput = period
    ? { AND: [{ OR: [{ startDate: null }, { startDate: { lte: dbDate(period.to) } }] }, { OR: [{ endDate: null }, { endDate: { gte: dbDate(period.from) } }] }] }
    : {};
  return db.posting.findMany({
    where: { AND: [scope, overlap, extra] },
    select: FORM_POSTING_SELECT,
    orderBy: [{ supportingOrg: { name: "asc" } }, { recipientOrg: { name: "asc" } }, { person: { name: "asc" } }, { id: "asc" }],
  });
}
