// The window a target is measured in (目标管理): week and month are calendar periods; half-year and
// year count from the posting's start; a posting-long target spans the posting.
import type { TargetPeriod } from "../infra/records.js";
import { dayjs, type LocalDate } from "../infra/time.js";

export type Window = { from: LocalDate; to: LocalDate };

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
