// Quarterly meetings logged, a page at a time, oldest first: those held in [from, to] by the supporting
// hospitals of the given postings (every meeting when none are given).
import type { Db } from "../../infra/db.js";
import { withTotal } from "../with-total.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { between } from "../where.js";

export async function listMeetings(db: Db, o: { postings?: Prisma.PostingWhereInput; from?: string; to?: string; skip: number; take: number }) {
  const where: Prisma.MeetingWhereInput = { heldOn: between(o.from, o.to), ...(o.postings ? { supportingOrg: { supportingPostings: { some: o.postings } } } : {}) };
  return withTotal(
    db.meeting.findMany({ where, include: { supportingOrg: { select: { name: true } } }, orderBy: { heldOn: "asc" }, skip: o.skip, take: o.take }),
    db.meeting.count({ where }),
  );
}
