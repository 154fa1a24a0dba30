// A person's totals per metric and day, for the given days (the daily bound of a report).
import type { Db } from "../infra/db.js";
import type { MetricKey } from "../generated/prisma/client.js";
import { dbDate, fromDbDate, type LocalDate } from "../infra/time.js";
import { dayKey, round } from "../domain/quantity.js";

/** One query however many metrics and days; keyed by dayKey(metric, day). */
export async function sumByDay(db: Db, where: { personId: number; days: LocalDate[]; metrics: MetricKey[] }): Promise<Map<string, number>> {
  const rows = await db.workloadEntry.groupBy({
    by: ["metric", "occurredOn"],
    where: { personId: where.personId, revokedAt: null, occurredOn: { in: where.days.map(dbDate) }, metric: { in: where.metrics } },
    _sum: { quantity: true },
  });
  return new Map(rows.map((r) => [dayKey(r.metric, fromDbDate(r.occurredOn)), round(r._sum.quantity ?? 0)]));
}
