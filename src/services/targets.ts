// Targets (目标管理): ≥ minimum of a metric per period, measured in the period that contains today.
import type { Db } from "../infra/db.js";
import type { MetricKey, TargetPeriod } from "../generated/prisma/client.js";
import { dayjs, type LocalDate } from "../infra/time.js";
import { sumWorkload } from "./workload.js";

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

export async function measureTargets(
  db: Db,
  o: { personId: number; programmeId: number; postingId: number; start: LocalDate | null; end: LocalDate | null; today: LocalDate },
): Promise<TargetProgress[]> {
  const targets = await listTargets(db, o.programmeId, o.postingId);
  return Promise.all(
    targets.map(async (t) => {
      const window = periodWindow(t.period, o.today, o.start, o.end);
      const totals = await sumWorkload(db, { personId: o.personId, from: window.from, to: window.to, metrics: [t.metric] });
      return { metric: t.metric, period: t.period, minimum: t.minimum, done: totals.get(t.metric) ?? 0, ...window };
    }),
  );
}
