// A month is closed once its report is submitted (month-end card) or its deadline has passed: after
// that, changes need a reason and are flagged as late corrections (issue 3 §5).
import type { Db } from "../../infra/db.js";
import { monthOf, type LocalDate } from "../../infra/time.js";
import { monthDeadline } from "../../domain/month-close.js";

/** The closed months among the days a change touches, in order. */
export async function findClosedMonths(db: Db, postingId: number, days: LocalDate[], today: LocalDate): Promise<string[]> {
  const months = [...new Set(days.map(monthOf))].sort().filter((m) => m < monthOf(today));
  const lapsed = months.filter((m) => today > monthDeadline(m));
  const open = months.filter((m) => !lapsed.includes(m));
  const submitted = open.length === 0 ? [] : await db.monthlyReport.findMany({ where: { postingId, month: { in: open } }, select: { month: true } });
  const closed = new Set([...lapsed, ...submitted.map((r) => r.month)]);
  return months.filter((m) => closed.has(m));
}
