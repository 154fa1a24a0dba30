// When a month closes (issue 3 §5): its report is submitted, or the 3rd of the next month has passed.
import { dayjs, type LocalDate } from "../infra/time.js";

/** The month-end overdue reminder runs on the 1st–3rd; after the 3rd the month is closed. */
export const MONTH_DEADLINE_DAY = 3;

export function monthDeadline(month: string): LocalDate {
  return dayjs.utc(`${month}-01`).add(1, "month").date(MONTH_DEADLINE_DAY).format("YYYY-MM-DD");
}
