// The postings in a scope whose assessment (考核鉴定表) has begun: the doctor's summary is in, signed or not.
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";

export async function listAssessmentPostings(db: Db, scope: Prisma.PostingWhereInput) {
  return db.posting.findMany({
    where: { AND: [scope, { assessment: { isNot: null } }] },
    orderBy: { id: "asc" },
    take: 500,
    select: { id: true, person: { select: { name: true } }, recipientOrg: { select: { name: true } }, supportingOrg: { select: { name: true } }, endDate: true },
  });
}
