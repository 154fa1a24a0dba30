// Quarterly meetings logged, a page at a time, oldest first.
import type { Db } from "../infra/db.js";
import type { Prisma } from "../generated/prisma/client.js";

export async function listMeetings(db: Db, o: { where: Prisma.MeetingWhereInput; skip: number; take: number }) {
  const [rows, total] = await Promise.all([
    db.meeting.findMany({ where: o.where, include: { supportingOrg: { select: { name: true } } }, orderBy: { heldOn: "asc" }, skip: o.skip, take: o.take }),
    db.meeting.count({ where: o.where }),
  ]);
  return { rows, total };
}
