// Counts and sums of the ledger. Sums of 万元 amounts are floating point; four places is what the forms print.
import type { MetricKey } from "./metrics.js";

export function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/** A total per metric. */
export type Totals = Map<MetricKey, number>;

/** The key of one metric on one day, for per-day sums. */
/** Summed totals as people read them: rounded, and a metric that nets to nothing (all revoked) left out. */
export function roundedTotals<K>(sums: Map<K, number>): Map<K, number> {
  return new Map([...sums].filter(([, q]) => round(q) !== 0).map(([k, q]) => [k, round(q)]));
}

