// Which months each posting has submitted through the month-end card, and when.
import type { Db } from "../../infra/db.js";
import { chunks, IDS_PER_QUERY } from "../../infra/collections.js";

/** Months (YYYY-MM) each posting has submitted through the month-end card. */
export async function findSubmittedMonths(db: Db, postingIds: number[], months: string[]): Promise<Map<number, Map<string, Date>>> {
  const submitted = new Map<number, Map<string, Date>>();
  for (const ids of chunks(postingIds, IDS_PER_QUERY)) {
    const rows = await db.monthlyReport.findMany({ where: { postingId: { in: ids }, month: { in: months } }, select: { postingId: true, month: true, submittedAt: true } });
    for (const r of rows) submitted.set(r.postingId, (submitted.get(r.postingId) ?? new Map()).set(r.month, r.submittedAt));
  }
  return submitted;
}
