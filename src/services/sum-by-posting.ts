// The ledger summed per posting and metric over a period, in one grouped query per few thousand postings
// (not per posting): what the forms are filled from.
import type { MetricKey } from "../generated/prisma/client.js";
import type { Db } from "../infra/db.js";
import { chunks, IDS_PER_QUERY } from "../infra/collections.js";
import type { LocalDate } from "../infra/time.js";
import { round } from "../domain/quantity.js";
import { workloadWhere } from "./sum-workload.js";

export type PostingTotals = Map<number, Map<MetricKey, number>>;

/** Sums per posting and metric of entries (not undone) dated within [from, to]. */
export async function sumByPosting(db: Db, postingIds: number[], from: LocalDate, to: LocalDate): Promise<PostingTotals> {
  const totals: PostingTotals = new Map();
  for (const ids of chunks(postingIds, IDS_PER_QUERY)) {
    const rows = await db.workloadEntry.groupBy({
      by: ["postingId", "metric"],
      where: workloadWhere({ postingIds: ids, from, to }),
      _sum: { quantity: true },
    });
    for (const r of rows) {
      const byMetric = totals.get(r.postingId) ?? new Map<MetricKey, number>();
      byMetric.set(r.metric, round(r._sum.quantity ?? 0));
      totals.set(r.postingId, byMetric);
    }
  }
  return totals;
}
