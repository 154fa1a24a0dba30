// The day by which a posting's arrival must be confirmed: the programme document's date (渝北: 05-01,
// 盐池: 06-09), or else ARRIVAL_DEADLINE_DAYS working days from the posting's first working day (a start
// on a holiday does not eat the clinic's time to answer). The one rule the escalation job and the
// console's 到岗已超期 share.
import { fromDbDate, type LocalDate } from "../infra/time.js";
import { addWorkingDays } from "./calendar.js";

export function arrivalDeadline(p: { startDate: Date; programme: { arrivalDeadline: Date | null } }, deadlineDays: number): LocalDate {
  return p.programme.arrivalDeadline ? fromDbDate(p.programme.arrivalDeadline) : addWorkingDays(fromDbDate(p.startDate), deadlineDays);
}

/** Overdue once the deadline has passed: the escalation goes out the day after it. */
export const arrivalOverdue = (p: { startDate: Date | null; programme: { arrivalDeadline: Date | null } }, deadlineDays: number, today: LocalDate) =>
  p.startDate !== null && today > arrivalDeadline({ ...p, startDate: p.startDate }, deadlineDays);
