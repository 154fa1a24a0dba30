// A leave as its card and approval see it: whose, when, and the posting it falls in.
import type { Db } from "../../infra/db.js";
import { fromDbDate, type LocalDate } from "../../infra/time.js";

export async function findLeave(db: Db, leaveId: number): Promise<{ id: number; personId: number; doctor: string; from: LocalDate; to: LocalDate; reason: string | null } | undefined> {
  const leave = await db.leave.findUnique({ where: { id: leaveId }, include: { person: { select: { name: true } } } });
  if (!leave) return undefined;
  return { id: leave.id, personId: leave.personId, doctor: leave.person.name, from: fromDbDate(leave.startDate), to: fromDbDate(leave.endDate), reason: leave.reason };
}
