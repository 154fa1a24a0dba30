// A person's totals per metric and day over a span, for callers that sum several windows of it.
import type { Db } from "../infra/db.js";
import type { MetricKey } from "../generated/prisma/client.js";
import { dbDate, fromDbDate, type LocalDate } from "../infra/time.js";

export type DayTotal = { metric: MetricKey; day: LocalDate; quantity: number };

export async function sumPerDay(db: Db, where: { personId: number; from: LocalDate; to: LocalDate }): Promise<DayTotal[]> {
  const rows = await db.workloadEntry.groupBy({
    by: ["metric", "occurredOn"],
    where: { personId: where.personId, revokedAt: null, occurredOn: { gte: dbDate(where.from), lte: dbDate(where.to) } },
    _sum: { quantity: true },
  });
  return rows.map((r) => ({ metric: r.metric, day: fromDbDate(r.occurredOn), quantity: r._sum.quantity ?? 0 }));
}
