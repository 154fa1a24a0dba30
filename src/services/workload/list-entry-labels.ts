// The names recorded with counts (特色科室, 适宜技术) and the texts of 其它, per posting.
import type { MetricKey } from "../../generated/prisma/client.js";
import type { Db } from "../../infra/db.js";
import { chunks, IDS_PER_QUERY } from "../../infra/collections.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export type PostingLabels = Map<number, Map<MetricKey, string[]>>;

/** The names after 特色科室/适宜技术 counts and the texts of 其它, per posting, first-recorded first. */
export async function listEntryLabels(db: Db, postingIds: number[], from: LocalDate, to: LocalDate): Promise<PostingLabels> {
  const labels: PostingLabels = new Map();
  for (const ids of chunks(postingIds, IDS_PER_QUERY)) {
    const rows = await db.workloadEntry.findMany({
      where: { postingId: { in: ids }, revokedAt: null, label: { not: null }, occurredOn: { gte: dbDate(from), lte: dbDate(to) } },
      select: { postingId: true, metric: true, label: true },
      orderBy: { id: "asc" },
    });
    for (const r of rows) {
      const byMetric = labels.get(r.postingId) ?? new Map<MetricKey, string[]>();
      const list = byMetric.get(r.metric) ?? [];
      if (!list.includes(r.label!)) list.push(r.label!);
      byMetric.set(r.metric, list);
      labels.set(r.postingId, byMetric);
    }
  }
  return labels;
}
