// The ledger summed per posting and metric over a period, in one grouped query per few thousand postings
// (not per posting): what the forms are filled from.
import type { MetricKey, Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../infra/db.js";
import { chunks, IDS_PER_QUERY } from "../../infra/collections.js";
import type { LocalDate } from "../../infra/time.js";
import { roundedTotals } from "../../domain/quantity.js";
import { monthTotalsWhere, summingPlan, workloadWhere } from "./sum-workload.js";

export type PostingTotals = Map<number, Map<MetricKey, number>>;

type Row = { postingId: number; metric: MetricKey; _sum: { quantity: number | null } };

/**
 * Sums per posting and metric (postings by id, or by a filter) of entries (not undone) dated within [from, to], optionally of some
 * metrics only: whole months from the month totals, the days around them from the ledger.
 */
export async function sumByPosting(db: Db, postings: number[] | Prisma.PostingWhereInput, from: LocalDate, to: LocalDate, metrics?: MetricKey[]): Promise<PostingTotals> {
  const sums = new Map<number, Map<MetricKey, number>>();
  const add = (rows: Row[]) => {
    for (const r of rows) {
      const byMetric = sums.get(r.postingId) ?? new Map<MetricKey, number>();
      byMetric.set(r.metric, (byMetric.get(r.metric) ?? 0) + (r._sum.quantity ?? 0));
      sums.set(r.postingId, byMetric);
    }
  };
  // Postings by id go in chunks; by a filter, in one query.
  const filters = Array.isArray(postings) ? chunks(postings, IDS_PER_QUERY).map((ids) => ({ postingIds: ids })) : [{ postings }];
  for (const which of filters) {
    const f = { ...which, from, to, metrics };
    const plan = summingPlan(f);
    if (plan.months) {
      const rows = await db.workloadMonthTotal.groupBy({ by: ["postingId", "metric"], where: monthTotalsWhere(f, plan.months), _sum: { quantity: true } });
      add(rows);
    }
    for (const days of plan.days) {
      const rows = await db.workloadEntry.groupBy({ by: ["postingId", "metric"], where: workloadWhere({ ...f, ...days }), _sum: { quantity: true } });
      add(rows);
    }
  }
  const totals: PostingTotals = new Map();
  for (const [postingId, byMetric] of sums) {
    const kept = roundedTotals(byMetric);
    if (kept.size > 0) totals.set(postingId, kept);
  }
  return totals;
}
