// 请假: a person's leave; reminders skip them while it lasts.
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export async function recordLeave(db: Db, o: { personId: number; from: LocalDate; to: LocalDate; reason?: string }): Promise<number> {
  return (await db.leave.create({ data: { personId: o.personId, startDate: dbDate(o.from), endDate: dbDate(o.to), reason: o.reason }, select: { id: true } })).id;
}
