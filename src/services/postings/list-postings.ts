// Postings as the admin API lists them: filtered by the caller's scope, a page at a time.
import type { Db } from "../../infra/db.js";
import { withTotal } from "../with-total.js";
import type { Prisma } from "../../generated/prisma/client.js";

const SELECT = {
  id: true, status: true, mode: true, startDate: true, endDate: true, arrivedAt: true, endedAt: true, durationText: true,
  replacesPostingId: true, replacementNote: true, supportingOrgId: true,
  programme: { select: { id: true, name: true, region: true } },
  person: { select: { id: true, name: true, department: true, title: true } },
  supportingOrg: { select: { name: true } },
  recipientOrg: { select: { id: true, name: true } },
} as const satisfies Prisma.PostingSelect;

export type PostingRow = Prisma.PostingGetPayload<{ select: typeof SELECT }>;

/** One page (`skip`, `take`) of the postings `where` selects, by id, and how many there are in all. */
export async function listPostings(db: Db, o: { where: Prisma.PostingWhereInput; skip: number; take: number }): Promise<{ rows: PostingRow[]; total: number }> {
  return withTotal(
    db.posting.findMany({ where: o.where, select: SELECT, orderBy: { id: "asc" }, skip: o.skip, take: o.take }),
    db.posting.count({ where: o.where }),
  );
}
