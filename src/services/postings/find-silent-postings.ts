// Doctors in post with no report on or after `since`: their postings, and the day of their last report.
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { LocalDate } from "../../infra/time.js";
import { findLastReports } from "../workload/find-last-reports.js";

export async function findSilentPostings(db: Db, o: { where: Prisma.PostingWhereInput; since: LocalDate }) {
  const postings = await db.posting.findMany({
    where: o.where, orderBy: { id: "asc" },
    select: { id: true, person: { select: { id: true, name: true } }, supportingOrg: { select: { name: true } }, recipientOrg: { select: { name: true } } },
  });
  const lastBy = await findLastReports(db, postings.map((p) => p.id));
  return postings.filter((p) => (lastBy.get(p.id) ?? "") < o.since).map((p) => ({ ...p, lastReportOn: lastBy.get(p.id) ?? null }));
}
