// Totals per metric and day over a span, for callers that sum several windows of it (a doctor's
// standing) or draw a daily series (the admin API).
import type { Db } from "../../infra/db.js";
import type { MetricKey } from "../../generated/prisma/client.js";
import { fromDbDate, type LocalDate } from "../../infra/time.js";
import { round } from "../../domain/quantity.js";
import { workloadWhere, type WorkloadFilter } from "./sum-workload.js";

export type DayTotal = { metric: MetricKey; day: LocalDate; quantity: number };

/** In day order, then metric order. */
export async function sumPerDay(db: Db, f: WorkloadFilter): Promise<DayTotal[]> {
  const rows = await db.workloadEntry.groupBy({
    by: ["occurredOn", "metric"], where: workloadWhere(f), _sum: { quantity: true }, orderBy: [{ occurredOn: "asc" }, { metric: "asc" }],
  });
  return rows.map((r) => ({ metric: r.metric, day: fromDbDate(r.occurredOn), quantity: round(r._sum.quantity ?? 0) }));
}

/** One metric's total over a window of the days (a target's period). */
export const totalIn = (days: DayTotal[], metric: MetricKey, w: { from: LocalDate; to: LocalDate }): number =>
  days.filter((d) => d.metric === metric && d.day >= w.from && d.day <= w.to).reduce((n, d) => n + d.quantity, 0);
