// Postings whose planned end has passed become 已结束 on their own: nobody ends every posting by hand,
// and a posting left 在岗 after its end would be chased for reports and counted as running.
import type { DbClient } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";
import { audit } from "../audit/audit.js";

/** Ends the open postings whose end date is before `today`; returns how many. Audited as the scheduler. */
export async function endPastPostings(db: DbClient, today: LocalDate): Promise<number> {
  return db.$transaction(async (tx) => {
    const due = await tx.posting.findMany({ where: { status: { in: ["planned", "arrived"] }, endDate: { lt: dbDate(today) } }, select: { id: true } });
    if (due.length === 0) return 0;
    const ids = due.map((p) => p.id);
    await tx.posting.updateMany({ where: { id: { in: ids } }, data: { status: "ended", endedAt: new Date() } });
    await audit(tx, "scheduler", "posting.end_past", `postings:${ids.length}`, { ids, today });
    return ids.length;
  });
}
