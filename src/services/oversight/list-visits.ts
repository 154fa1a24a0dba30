// Supervision visits logged, a page at a time, oldest first: those in [from, to] to the clinics of the
// given postings (every visit when none are given).
import type { Db } from "../../infra/db.js";
import { withTotal } from "../with-total.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { between } from "../where.js";

export async function listVisits(db: Db, o: { postings?: Prisma.PostingWhereInput; from?: string; to?: string; skip: number; take: number }) {
  const where: Prisma.SupervisionVisitWhereInput = { visitedOn: between(o.from, o.to), ...(o.postings ? { recipientOrg: { recipientPostings: { some: o.postings } } } : {}) };
  return withTotal(
    db.supervisionVisit.findMany({ where, include: { recipientOrg: { select: { name: true } } }, orderBy: { visitedOn: "asc" }, skip: o.skip, take: o.take }),
    db.supervisionVisit.count({ where }),
  );
}
