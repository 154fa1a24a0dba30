// The one sum-by-metric query of the ledger: a person's, a set of postings', or a scope's totals over
// a span of days (or of entry times), revoked entries left out. Every total a person reads comes from here.
// Whole months are read from the month totals the database keeps (WorkloadMonthTotal), the rest from
// the ledger: a scope's totals since the start read a few rows a posting, not every entry.
import type { Db } from "../../infra/db.js";
import type { MetricKey, Prisma } from "../../generated/prisma/client.js";
import { dbDate, splitByMonth, type LocalDate, type Span } from "../../infra/time.js";
import { roundedTotals, type Totals } from "../../domain/quantity.js";

export type WorkloadFilter = {
  personId?: number;
  postingIds?: number[];
  /** A scope's postings (the admin API, the digest). */
  postings?: Prisma.PostingWhereInput;
  from?: LocalDate;
  to?: LocalDate;
  metrics?: MetricKey[];
  /** Only entries written since this instant (the digest's week), whatever day they are for. */
  writtenSince?: Date;
};

export function workloadWhere(f: WorkloadFilter): Prisma.WorkloadEntryWhereInput {
  return {
    revokedAt: null,
    personId: f.personId,
    postingId: f.postingIds ? { in: f.postingIds } : undefined,
    posting: f.postings,
    occurredOn: f.from || f.to ? { gte: f.from ? dbDate(f.from) : undefined, lte: f.to ? dbDate(f.to) : undefined } : undefined,
    metric: f.metrics ? { in: f.metrics } : undefined,
    createdAt: f.writtenSince ? { gte: f.writtenSince } : undefined,
  };
}

/** The month totals (WorkloadMonthTotal) a filter's postings and metrics select, over whole months. */
export function monthTotalsWhere(f: WorkloadFilter, months: Span): Prisma.WorkloadMonthTotalWhereInput {
  return {
    postingId: f.postingIds ? { in: f.postingIds } : undefined,
    posting: f.postings,
    metric: f.metrics ? { in: f.metrics } : undefined,
    month: months.from || months.to ? { gte: months.from ? dbDate(months.from) : undefined, lte: months.to ? dbDate(months.to) : undefined } : undefined,
  };
}

/**
 * How a span is summed: whole months from the month totals, the days around them from the ledger. A
 * person's totals and totals by time of writing come from the ledger alone (the month totals know neither).
 */
export function summingPlan(f: WorkloadFilter): { months?: Span; days: Span[] } {
  if (f.personId !== undefined || f.writtenSince) return { days: [{ from: f.from, to: f.to }] };
  const { months, head, tail } = splitByMonth(f.from, f.to);
  return { months, days: [head, tail].filter((d): d is Span => d !== undefined) };
}

export async function sumWorkload(db: Db, f: WorkloadFilter): Promise<Totals> {
  const plan = summingPlan(f);
  const totals = new Map<MetricKey, number>();
  const add = (metric: MetricKey, quantity: number | null) => totals.set(metric, (totals.get(metric) ?? 0) + (quantity ?? 0));
  if (plan.months) {
    for (const r of await db.workloadMonthTotal.groupBy({ by: ["metric"], where: monthTotalsWhere(f, plan.months), _sum: { quantity: true } })) add(r.metric, r._sum.quantity);
  }
  for (const days of plan.days) {
    for (const r of await db.workloadEntry.groupBy({ by: ["metric"], where: workloadWhere({ ...f, ...days }), _sum: { quantity: true } })) add(r.metric, r._sum.quantity);
  }
  return roundedTotals(totals);
}
