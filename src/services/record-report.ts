// A report's entries, recorded whole or not at all and only once per message, with its outcome.
import type { DbClient, Db } from "../infra/db.js";
import type { MetricKey } from "../generated/prisma/client.js";
import { dayKey } from "../domain/quantity.js";
import { recordEntries, type RecordOptions } from "./record-entries.js";
import { markOutcome } from "./mark-outcome.js";
import { sumByDay } from "./sum-by-day.js";
import { withPersonLock } from "./with-person-lock.js";

export type ReportRecord = Omit<RecordOptions, "inboundMessageId"> & {
  inboundMessageId: number;
  /** The daily bound of each metric; omitted when the sender has confirmed (确认). */
  dailyLimit?: (metric: MetricKey) => number;
};

/** The metrics whose day would go over its bound with these items. */
async function overDailyLimit(tx: Db, o: ReportRecord, dailyLimit: (metric: MetricKey) => number): Promise<MetricKey[]> {
  const perDay = new Map<string, { metric: MetricKey; quantity: number }>();
  for (const item of o.items) {
    const key = dayKey(item.metric, item.date);
    perDay.set(key, { metric: item.metric, quantity: (perDay.get(key)?.quantity ?? 0) + item.quantity });
  }
  const already = await sumByDay(tx, { personId: o.personId, days: [...new Set(o.items.map((i) => i.date))], metrics: [...new Set(o.items.map((i) => i.metric))] });
  const over = [...perDay].filter(([key, { metric, quantity }]) => (already.get(key) ?? 0) + quantity > dailyLimit(metric));
  return [...new Set(over.map(([, { metric }]) => metric))];
}

/**
 * The bound is checked and the entries written under the person's lock: concurrent reports cannot each
 * see the day's total before the others were added. Returns the metrics over their bound (nothing
 * written) or none (all written, and the message marked recorded).
 */
export async function recordReport(db: DbClient, o: ReportRecord): Promise<{ over: MetricKey[] }> {
  return withPersonLock(db, o.personId, async (tx) => {
    const over = o.dailyLimit ? await overDailyLimit(tx, o, o.dailyLimit) : [];
    if (over.length > 0) return { over };
    await recordEntries(tx, o);
    await markOutcome(tx, o.inboundMessageId, "recorded", { personId: o.personId });
    return { over: [] };
  });
}
