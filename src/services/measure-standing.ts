// Where a doctor stands: progress on every target (≥ minimum of a metric per period, measured in the
// period that contains today) and the totals of one more window (this month, say).
import type { Db } from "../infra/db.js";
import type { MetricKey, TargetPeriod } from "../generated/prisma/client.js";
import type { LocalDate } from "../infra/time.js";
import { periodWindow } from "../domain/periods.js";
import { round, type Totals } from "../domain/quantity.js";
import { listTargets, type TargetRule } from "./list-targets.js";
import { sumPerDay, type DayTotal } from "./sum-per-day.js";

export type TargetProgress = { metric: MetricKey; period: TargetPeriod; minimum: number; done: number; from: LocalDate; to: LocalDate };

export type StandingOptions = {
  personId: number; programmeId: number; postingId: number; start: LocalDate | null; end: LocalDate | null; today: LocalDate;
  /** The posting's targets, when already read (with a report's sender). */
  targets?: TargetRule[];
};

/** One read of the ledger over the span of all the windows, summed here per window. */
export async function measureStanding(db: Db, o: StandingOptions, also?: { from: LocalDate; to: LocalDate }): Promise<{ progress: TargetProgress[]; also: Totals }> {
  const targets = o.targets ?? (await listTargets(db, o.programmeId, o.postingId));
  const windows = targets.map((t) => ({ target: t, ...periodWindow(t.period, o.today, o.start, o.end) }));
  const spans = [...windows, ...(also ? [also] : [])];
  if (spans.length === 0) return { progress: [], also: new Map() };
  const from = spans.map((s) => s.from).sort()[0];
  const to = spans.map((s) => s.to).sort().at(-1)!;
  const days = await sumPerDay(db, { personId: o.personId, from, to });
  const progress = windows.map(({ target: t, from: f, to: until }) => ({
    metric: t.metric, period: t.period, minimum: t.minimum, done: totalOf(days, f, until).get(t.metric) ?? 0, from: f, to: until,
  }));
  return { progress, also: also ? totalOf(days, also.from, also.to) : new Map() };
}

function totalOf(days: DayTotal[], from: LocalDate, to: LocalDate): Totals {
  const totals: Totals = new Map();
  for (const d of days) if (d.day >= from && d.day <= to) totals.set(d.metric, round((totals.get(d.metric) ?? 0) + d.quantity));
  return totals;
}
