// The quick report card offers the metrics this doctor reports most, then the defaults: counts only
// (no names, no money), at most three (WeCom's multiple_interaction takes 1..3 select lists).
import type { Db } from "../../infra/db.js";
import { getMetric, type MetricKey } from "../../domain/metrics.js";

const DEFAULT_QUICK_METRICS: MetricKey[] = ["rounds", "lectures", "patients"];
const MAX_SELECTS = 3;

export async function rankQuickMetrics(db: Db, personId: number): Promise<MetricKey[]> {
  const rows = await db.workloadEntry.groupBy({
    by: ["metric"], where: { personId, revokedAt: null }, _count: { _all: true }, orderBy: { _count: { metric: "desc" } }, take: 10,
  });
  const fits = (key: MetricKey) => { const m = getMetric(key); return !m.named && !m.money && !m.freeText; };
  const ranked = rows.map((r) => r.metric).filter(fits);
  return [...new Set([...ranked, ...DEFAULT_QUICK_METRICS])].slice(0, MAX_SELECTS);
}
