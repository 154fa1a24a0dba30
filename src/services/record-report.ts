// A report's entries, recorded whole or not at all and only once per message, with its outcome.
import type { DbClient } from "../infra/db.js";
import type { MetricKey } from "../generated/prisma/client.js";
import type { RecordOptions } from "./record-entries.js";

export type ReportRecord = Omit<RecordOptions, "inboundMessageId"> & {
  inboundMessageId: number;
  /** The daily bound of each metric; omitted when the sender has confirmed (确认). */
  dailyLimit?: (metric: MetricKey) => number;
};

/**
 * The bound is checked and the entries written under the person's lock, by the database function
 * record_report (migration 20261201160000) in one round trip: concurrent reports cannot each see the
 * day's total before the others were added. Returns the metrics over their bound (nothing written) or
 * none (all written, and the message marked recorded).
 */
export async function recordReport(db: DbClient, o: ReportRecord): Promise<{ over: MetricKey[] }> {
  const items = o.items.map((item, idx) => ({ metric: item.metric, quantity: item.quantity, label: item.label ?? null, day: item.date, idx }));
  const bound = o.dailyLimit;
  const limits = bound ? Object.fromEntries([...new Set(o.items.map((i) => i.metric))].map((m) => [m, bound(m)])) : null;
  const rows = await db.$queryRaw<{ over: MetricKey }[]>`
    SELECT "over" FROM "record_report"(${o.personId}::int, ${o.postingId}::int, ${o.inboundMessageId}::int, ${JSON.stringify(items)}::jsonb,
      ${limits && JSON.stringify(limits)}::jsonb, ${o.source}::text, ${o.rawText}::text, ${o.reason ?? null}::text, ${o.isLateCorrection ?? false}::boolean,
      ${new Date().toISOString()}::timestamptz)`;
  return { over: rows.map((r) => r.over) };
}
