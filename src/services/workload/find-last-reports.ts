// Each posting's last reported day (entries not revoked): the overview's 未填报医生 and the postings list's 最近填报.
import type { Db } from "../../infra/db.js";
import { fromDbDate, type LocalDate } from "../../infra/time.js";

export async function findLastReports(db: Db, postingIds: number[]): Promise<Map<number, LocalDate>> {
  if (postingIds.length === 0) return new Map();
  const last = await db.workloadEntry.groupBy({ by: ["postingId"], where: { postingId: { in: postingIds }, revokedAt: null }, _max: { occurredOn: true } });
  return new Map(last.filter((l) => l._max.occurredOn).map((l) => [l.postingId, fromDbDate(l._max.occurredOn!)]));
}
