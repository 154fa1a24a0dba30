// Supervision visits logged, a page at a time, oldest first.
import type { Db } from "../infra/db.js";
import type { Prisma } from "../generated/prisma/client.js";

export async function listVisits(db: Db, o: { where: Prisma.SupervisionVisitWhereInput; skip: number; take: number }) {
  const [rows, total] = await Promise.all([
    db.supervisionVisit.findMany({ where: o.where, include: { recipientOrg: { select: { name: true } } }, orderBy: { visitedOn: "asc" }, skip: o.skip, take: o.take }),
    db.supervisionVisit.count({ where: o.where }),
  ]);
  return { rows, total };
}
