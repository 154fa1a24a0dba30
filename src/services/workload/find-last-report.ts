// 撤销 takes back the person's most recent message that recorded anything.
import type { Db } from "../../infra/db.js";
import type { MetricKey } from "../../generated/prisma/client.js";
import { fromDbDate, type LocalDate } from "../../infra/time.js";

export type LastReport = { inboundMessageId: number; entries: { id: number; postingId: number; metric: MetricKey; quantity: number; label: string | null; day: LocalDate }[] };

/** The entries of the person's most recent message that recorded anything and is not yet undone. */
export async function findLastReport(db: Db, personId: number): Promise<LastReport | undefined> {
  const last = await db.workloadEntry.findFirst({
    where: { personId, revokedAt: null, inboundMessageId: { not: null } },
    orderBy: { id: "desc" },
    select: { inboundMessageId: true },
  });
  if (!last?.inboundMessageId) return undefined;
  const entries = await db.workloadEntry.findMany({
    where: { inboundMessageId: last.inboundMessageId, revokedAt: null },
    select: { id: true, postingId: true, metric: true, quantity: true, label: true, occurredOn: true },
    orderBy: { itemIndex: "asc" },
  });
  return { inboundMessageId: last.inboundMessageId, entries: entries.map(({ occurredOn, ...e }) => ({ ...e, day: fromDbDate(occurredOn) })) };
}
