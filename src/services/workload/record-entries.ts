// The workload ledger: entries are only ever added; undo marks them revoked, a correction adds the difference.
import type { Db } from "../../infra/db.js";
import type { EntrySource, MetricKey } from "../../generated/prisma/client.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export type NewEntry = { metric: MetricKey; quantity: number; label?: string; date: LocalDate };

export type RecordOptions = {
  postingId: number;
  personId: number;
  items: NewEntry[];
  source: EntrySource;
  rawText: string;
  inboundMessageId?: number;
  reason?: string;
  isLateCorrection?: boolean;
};

/** Records all items of one message, or none: callers run this inside a transaction. */
export async function recordEntries(db: Db, o: RecordOptions): Promise<number> {
  const result = await db.workloadEntry.createMany({
    data: o.items.map((item, itemIndex) => ({
      postingId: o.postingId,
      personId: o.personId,
      metric: item.metric,
      quantity: item.quantity,
      label: item.label,
      occurredOn: dbDate(item.date),
      source: o.source,
      inboundMessageId: o.inboundMessageId,
      itemIndex,
      rawText: o.rawText,
      reason: o.reason,
      isLateCorrection: o.isLateCorrection ?? false,
    })),
    skipDuplicates: true, // a platform retry of the same message records nothing new
  });
  return result.count;
}
