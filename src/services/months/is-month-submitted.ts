// Whether a doctor has submitted a month's report (the month-end card and its reminders stop then).
import type { Db } from "../../infra/db.js";

export async function isMonthSubmitted(db: Db, postingId: number, month: string): Promise<boolean> {
  return (await db.monthlyReport.count({ where: { postingId, month } })) > 0;
}
