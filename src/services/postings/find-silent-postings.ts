// Doctors in post with no report on or after `since`: their postings, and the day of their last report.
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { fromDbDate, type LocalDate } from "../../infra/time.js";

export async function findSilentPostings(db: Db, o: { where: Prisma.PostingWhereInput; since: LocalDate }) {
  const postings = await db.posting.findMany({
    where: o.where, orderBy: { id: "asc" },
    select: { id: true, person: { select: { id: true, name: true } }, supportingOrg: { select: { name: true } }, recipientOrg: { select: { name: true } } },
  });
  const last = await db.workloadEntry.groupBy({ by: ["postingId"], where: { postingId: { in: postings.map((p) => p.id) }, revokedAt: null }, _max: { occurredOn: true } });
  const lastBy = new Map(last.map((l) => [l.postingId, l._max.occurredOn ? fromDbDate(l._max.occurredOn) : null]));
  return postings.filter((p) => (lastBy.get(p.id) ?? "") < o.since).map((p) => ({ ...p, lastReportOn: lastBy.get(p.id) ?? null }));
}
