// Counts and sums of the ledger. Sums of 万元 amounts are floating point; four places is what the forms print.
import type { MetricKey } from "./metrics.js";

export function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/**
 * The daily bound's rule (SPEC §4): a day's recorded total, rounded as the forms print it, plus what is
 * being added, over the bound is held back for 确认. The database function record_report applies it to
 * a report in SQL (migration 20261201160000); a correction applies it here over the days it covers.
 * test/services/report-rules.test.ts holds the two equal.
 */
export const overBound = (recorded: number, adding: number, bound: number): boolean => round(recorded) + adding > bound;

/** A total per metric. */
export type Totals = Map<MetricKey, number>;

/** The key of one metric on one day, for per-day sums. */
/** Summed totals as people read them: rounded, and a metric that nets to nothing (all revoked) left out. */
export function roundedTotals<K>(sums: Map<K, number>): Map<K, number> {
  return new Map([...sums].filter(([, q]) => round(q) !== 0).map(([k, q]) => [k, round(q)]));
}

