// A target judged period by period (目标完成情况): the weeks, months, half-years or the whole posting a
// target covers, each met or not with its count. A period is judged once it has ended (or the posting
// has); one still running is not counted either way. Pure: the forms and the digest read it through
// services/targets/measure-completion.ts.
import { dayjs, type LocalDate } from "../infra/time.js";
import type { Window } from "./periods.js";

export type TargetPeriodKey = "week" | "month" | "half_year" | "year" | "posting";
export type PeriodResult = Window & { done: number; met: boolean };
export type Completion = { periods: PeriodResult[]; met: number; judged: number };

const fmt = (d: dayjs.Dayjs) => d.format("YYYY-MM-DD");

/** The periods of a target within a posting's [start, end], cut to the posting at either end. */
export function targetPeriods(period: TargetPeriodKey, start: LocalDate, end: LocalDate): Window[] {
  if (period === "posting") return [{ from: start, to: end }];
  const windows: Window[] = [];
  const s = dayjs.utc(start);
  let from = period === "week" ? s.subtract((s.day() + 6) % 7, "day") : period === "month" ? s.startOf("month") : s;
  while (fmt(from) <= end) {
    const next = period === "week" ? from.add(7, "day") : from.add(period === "month" ? 1 : period === "half_year" ? 6 : 12, "month");
    const to = fmt(next.subtract(1, "day"));
    windows.push({ from: fmt(from) < start ? start : fmt(from), to: to > end ? end : to });
    from = next;
  }
  return windows;
}

/**
 * Each period's count against the minimum, for the periods ended by `until` (a form's date: the posting's
 * end, the quarter's). A week cut short by the posting's start or end is judged on its days in post.
 */
export function judgeCompletion(period: TargetPeriodKey, minimum: number, start: LocalDate, end: LocalDate, until: LocalDate, doneIn: (w: Window) => number): Completion {
  const periods = targetPeriods(period, start, end)
    .filter((w) => w.to <= until)
    .map((w) => { const done = doneIn(w); return { ...w, done, met: done + 1e-9 >= minimum }; });
  return { periods, met: periods.filter((p) => p.met).length, judged: periods.length };
}
