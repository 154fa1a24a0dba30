// 提交 on the month-end card: the month's report is in; a second submission changes nothing.
import type { Db } from "../../infra/db.js";

/** Whether this call submitted it; otherwise `submittedAt` says when it already was. */
export async function submitMonth(db: Db, postingId: number, month: string, via: string): Promise<{ submitted: boolean; submittedAt: Date }> {
  const existing = await db.monthlyReport.findUnique({ where: { postingId_month: { postingId, month } } });
  if (existing) return { submitted: false, submittedAt: existing.submittedAt };
  const created = await db.monthlyReport.create({ data: { postingId, month, via } });
  return { submitted: true, submittedAt: created.submittedAt };
}
