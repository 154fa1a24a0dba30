// When a report or filing a programme's document sets falls due: its own dates, or its cadence's
// (every quarter's end, every half-year's end, the fourth quarter, a yearly cycle's first month) within
// this and next year, from the programme's cycle on.
import type { LocalDate } from "../infra/time.js";
import { cycleAround, type ProgrammeRules } from "./programme.js";

type Report = ProgrammeRules["reports"][number];

const CADENCE: Record<NonNullable<Report["every"]>, string[]> = {
  quarter: ["03-31", "06-30", "09-30", "12-31"],
  half_year: ["06-30", "12-31"],
  year_q4: ["12-31"],
  year_start: ["01-31"],
};

export function dueDates(report: Report, rules: ProgrammeRules, today: LocalDate): LocalDate[] {
  if (report.due) return report.due;
  const years = [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1];
  const cycle = cycleAround(rules, today);
  return years.flatMap((y) => CADENCE[report.every!].map((md) => `${y}-${md}`)).filter((d) => d >= cycle.from);
}
