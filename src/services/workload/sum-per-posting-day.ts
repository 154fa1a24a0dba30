// Totals per metric and day for each of several postings, in one grouped read: for judging many
// postings' weekly minimums at once (the digest) where sumPerDay would be a query per posting.
import type { Db } from "../../infra/db.js";
import { fromDbDate } from "../../infra/time.js";
import { round } from "../../domain/quantity.js";
import { workloadWhere, type WorkloadFilter } from "./sum-workload.js";
import type { DayTotal } from "./sum-per-day.js";

export async function sumPerPostingDay(db: Db, f: WorkloadFilter): Promise<Map<number, DayTotal[]>> {
  const rows = await db.workloadEntry.groupBy({ by: ["postingId", "occurredOn", "metric"], where: workloadWhere(f), _sum: { quantity: true } });
  const out = new Map<number, DayTotal[]>();
  for (const r of rows) {
    const list = out.get(r.postingId) ?? out.set(r.postingId, []).get(r.postingId)!;
    list.push({ metric: r.metric, day: fromDbDate(r.occurredOn), quantity: round(r._sum.quantity ?? 0) });
  }
  return out;
}
