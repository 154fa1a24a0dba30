// Postings started whose arrival the clinic has not confirmed, a page at a time.
import type { Db } from "../../infra/db.js";
import { withTotal } from "../with-total.js";
import type { Prisma } from "../../generated/prisma/client.js";

export async function listPendingArrivals(db: Db, o: { where: Prisma.PostingWhereInput; skip: number; take: number }) {
  const where = { AND: [o.where, { status: "planned" as const }] };
  return withTotal(
    db.posting.findMany({
      where, orderBy: { id: "asc" }, skip: o.skip, take: o.take,
      select: { id: true, startDate: true, notArrivedAt: true, programme: { select: { arrivalDeadline: true } }, person: { select: { id: true, name: true } }, supportingOrg: { select: { name: true } }, recipientOrg: { select: { name: true } } },
    }),
    db.posting.count({ where }),
  );
}
