// Targets (目标管理): ≥ minimum of a metric per period, measured in the period that contains today.
import type { Db } from "../infra/db.js";
import type { MetricKey, TargetPeriod } from "../generated/prisma/client.js";
import { dayjs, type LocalDate } from "../infra/time.js";
import { round, sumPerDay, type DayTotal, type Totals } from "./workload.js";

export type TargetProgress = { metric: MetricKey; period: TargetPeriod; minimum: number; done: number; from: LocalDate; to: LocalDate };

type Window = { from: LocalDate; to: LocalDate };

/** Week and month are calendar periods; half-year and year count from the posting's start. */
export function periodWindow(period: TargetPeriod, today: LocalDate, start: LocalDate | null, end: LocalDate | null): Window {
  const d = dayjs.utc(today);
  const fmt = (x: dayjs.Dayjs) => x.format("YYYY-MM-DD");
  if (period === "week") {
    const monday = d.subtract((d.day() + 6) % 7, "day");
    return { from: fmt(monday), to: fmt(monday.add(6, "day")) };
  }
  if (period === "month" || !start) return { from: fmt(d.startOf("month")), to: fmt(d.endOf("month")) };
  if (period === "posting") return { from: start, to: end ?? today };
  const months = period === "half_year" ? 6 : 12;
  const s = dayjs.utc(start);
  const steps = Math.max(0, Math.floor(d.diff(s, "month") / months));
  const from = s.add(steps * months, "month");
  return { from: fmt(from), to: fmt(from.add(months, "month").subtract(1, "day")) };
}

export async function listTargets(db: Db, programmeId: number, postingId: number) {
  const rows = await db.target.findMany({
    where: { programmeId, OR: [{ postingId: null }, { postingId }] },
    orderBy: [{ postingId: { sort: "desc", nulls: "last" } }, { id: "asc" }],
  });
  // A posting's own target replaces the programme-wide one for the same metric and period.
  const seen = new Set<string>();
  return rows.filter((t) => {
    const key = `${t.metric}:${t.period}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type MeasureOptions = { personId: number; programmeId: number; postingId: number; start: LocalDate | null; end: LocalDate | null; today: LocalDate };

export async function measureTargets(db: Db, o: MeasureOptions): Promise<TargetProgress[]> {
  return (await measureStanding(db, o)).progress;
}

/**
 * Where a doctor stands: the totals of `also` (this month, say) and progress on every target, from one
 * read of the ledger over the span of all their windows, summed here per window.
 */
export async function measureStanding(db: Db, o: MeasureOptions, also?: { from: LocalDate; to: LocalDate }): Promise<{ progress: TargetProgress[]; also: Totals }> {
  const targets = await listTargets(db, o.programmeId, o.postingId);
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
