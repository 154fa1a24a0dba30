// A month is closed once its report is submitted (month-end card) or its deadline has passed:
// after that, changes need a reason and are flagged as late corrections (issue 3 §5).
import type { Db } from "../infra/db.js";
import { dayjs, monthOf, type LocalDate } from "../infra/time.js";

/** The month-end overdue reminder runs on the 1st–3rd; after the 3rd the month is closed. */
export const MONTH_DEADLINE_DAY = 3;

export function monthDeadline(month: string): LocalDate {
  return dayjs.utc(`${month}-01`).add(1, "month").date(MONTH_DEADLINE_DAY).format("YYYY-MM-DD");
}

export async function isMonthClosed(db: Db, postingId: number, month: string, today: LocalDate): Promise<boolean> {
  if (month >= monthOf(today)) return false;
  if (today > monthDeadline(month)) return true;
  const report = await db.monthlyReport.findUnique({ where: { postingId_month: { postingId, month } }, select: { id: true } });
  return report !== null;
}

/** The closed months among the days a change touches, in order. */
export async function findClosedMonths(db: Db, postingId: number, days: LocalDate[], today: LocalDate): Promise<string[]> {
  const months = [...new Set(days.map(monthOf))].sort();
  const closed = await Promise.all(months.map((m) => isMonthClosed(db, postingId, m, today)));
  return months.filter((_, i) => closed[i]);
}

export async function submitMonth(db: Db, postingId: number, month: string, via: string): Promise<boolean> {
  const existing = await db.monthlyReport.findUnique({ where: { postingId_month: { postingId, month } } });
  if (existing) return false;
  await db.monthlyReport.create({ data: { postingId, month, via } });
  return true;
}
