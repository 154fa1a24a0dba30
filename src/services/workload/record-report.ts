// A report's entries, recorded whole or not at all and only once per message, with its outcome.
import type { DbClient } from "../../infra/db.js";
import type { MetricKey } from "../../generated/prisma/client.js";
import { dbDate, fromDbDate, type LocalDate } from "../../infra/time.js";
import { round } from "../../domain/quantity.js";
import type { RecordOptions } from "./record-entries.js";
import type { DayTotal } from "./sum-per-day.js";

export type ReportRecord = Omit<RecordOptions, "inboundMessageId"> & {
  inboundMessageId: number;
  /** The daily bound of each metric; omitted when the sender has confirmed (确认). */
  dailyLimit?: (metric: MetricKey) => number;
  /** The span of the doctor's day totals to read back once recorded (what the reply reports on). */
  totalsOver?: { from: LocalDate; to: LocalDate };
};

type Row = { over: boolean; metric: MetricKey; day: Date | null; quantity: number | null };

/** Over its bound: the metric, and what the doctor had already recorded on that day. */
export type OverBound = { metric: MetricKey; day: LocalDate; recorded: number };

/**
 * The bound is checked and the entries written under the person's lock, by the database function
 * record_report (migrations 20261201160000, 20261204203000), which then reads back the doctor's totals
 * per day over `totalsOver`: one round trip in all. Concurrent reports cannot each see the day's total
 * before the others were added. Returns what is over its bound (nothing written), or nothing and the
 * totals (all written, and the message marked recorded).
 */
export async function recordReport(db: DbClient, o: ReportRecord): Promise<{ over: OverBound[]; days: DayTotal[] }> {
  const items = o.items.map((item, idx) => ({ metric: item.metric, quantity: item.quantity, label: item.label ?? null, day: item.date, idx }));
  const bound = o.dailyLimit;
  const limits = bound ? Object.fromEntries([...new Set(o.items.map((i) => i.metric))].map((m) => [m, bound(m)])) : null;
  const span = o.totalsOver;
  const rows = await db.$queryRaw<Row[]>`
    SELECT "over", "metric", "day", "quantity" FROM "record_report"(${o.personId}::int, ${o.postingId}::int, ${o.inboundMessageId}::int,
      ${JSON.stringify(items)}::jsonb, ${limits && JSON.stringify(limits)}::jsonb, ${o.source}::text, ${o.rawText}::text, ${o.reason ?? null}::text,
      ${o.isLateCorrection ?? false}::boolean, ${new Date().toISOString()}::timestamptz, ${span ? dbDate(span.from) : null}::date, ${span ? dbDate(span.to) : null}::date)`;
  return {
    over: rows.filter((r) => r.over).map((r) => ({ metric: r.metric, day: fromDbDate(r.day!), recorded: round(r.quantity ?? 0) })),
    days: rows.filter((r) => !r.over).map((r) => ({ metric: r.metric, day: fromDbDate(r.day!), quantity: round(r.quantity ?? 0) })),
  };
}
