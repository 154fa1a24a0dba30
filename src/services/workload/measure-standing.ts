// Where a doctor stands: progress on every target (≥ minimum of a metric per period, measured in the
// period that contains today) and the totals of one more window (this month, say).
import type { Db } from "../../infra/db.js";
import type { MetricKey, TargetPeriod } from "../../generated/prisma/client.js";
import type { LocalDate } from "../../infra/time.js";
import { periodWindow, type Window } from "../../domain/periods.js";
import { round, type Totals } from "../../domain/quantity.js";
import { listTargets, type TargetRule } from "../targets/list-targets.js";
import type { TargetLevel } from "../targets/target-level.js";
import { sumPerDay, type DayTotal } from "./sum-per-day.js";

/** `level`: where the target was set (the doctor's own, the pairing's, the programme's), so an answer can say which. */
export type TargetProgress = { metric: MetricKey; period: TargetPeriod; minimum: number; done: number; from: LocalDate; to: LocalDate; level?: TargetLevel };

export type StandingOptions = {
  personId: number; programmeId: number; postingId: number; start: LocalDate | null; end: LocalDate | null; today: LocalDate;
  /** The posting's targets, when already read (with a report's sender). */
  targets?: TargetRule[];
};

export type Standing = { progress: TargetProgress[]; also: Totals };

/** The windows a standing sums, and the one span of days that covers them all (none: nothing to sum). */
export type StandingPlan = { windows: (Window & { target: TargetRule })[]; also?: Window; span?: Window };

export function planStanding(targets: TargetRule[], o: StandingOptions, also?: Window): StandingPlan {
  const windows = targets.map((t) => ({ target: t, ...periodWindow(t.period, o.today, o.start, o.end) }));
  const spans = [...windows, ...(also ? [also] : [])];
  if (spans.length === 0) return { windows, also };
  return { windows, also, span: { from: spans.map((s) => s.from).sort()[0], to: spans.map((s) => s.to).sort().at(-1)! } };
}

/** The standing from the day totals of the plan's span (read by measureStanding, or by recordReport with a report). */
export function standingOf(plan: StandingPlan, days: DayTotal[]): Standing {
  const progress = plan.windows.map(({ target: t, from, to }) => ({
    metric: t.metric, period: t.period, minimum: t.minimum, done: totalOf(days, from, to).get(t.metric) ?? 0, from, to, level: t.level,
  }));
  return { progress, also: plan.also ? totalOf(days, plan.also.from, plan.also.to) : new Map() };
}

/**
 * One read of the ledger over the span of all the windows, summed here per window: the doctor's (every
 * posting of theirs, as their answer counts it), or with `onlyPosting` the one posting's (its console page).
 */
export async function measureStanding(db: Db, o: StandingOptions, also?: Window, onlyPosting = false): Promise<Standing> {
  const plan = planStanding(o.targets ?? (await listTargets(db, o.programmeId, o.postingId)), o, also);
  const whose = onlyPosting ? { postingIds: [o.postingId] } : { personId: o.personId };
  return standingOf(plan, plan.span ? await sumPerDay(db, { ...whose, ...plan.span }) : []);
}

function totalOf(days: DayTotal[], from: LocalDate, to: LocalDate): Totals {
  const totals: Totals = new Map();
  for (const d of days) if (d.day >= from && d.day <= to) totals.set(d.metric, round((totals.get(d.metric) ?? 0) + d.quantity));
  return totals;
}
