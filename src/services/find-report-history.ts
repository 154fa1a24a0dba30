// For the nudge: everyone's last report (by when it was sent, so a back-dated report counts today) and
// their leaves up to today, in two queries.
import type { Db } from "../infra/db.js";
import { dbDate, fromDbDate, localDate, type LocalDate } from "../infra/time.js";

export type ReportHistory = { lastReport: Map<number, LocalDate>; leaves: Map<number, { from: LocalDate; to: LocalDate }[]> };

export async function findReportHistory(db: Db, o: { personIds: number[]; today: LocalDate; tz: string }): Promise<ReportHistory> {
  const reports = await db.workloadEntry.groupBy({ by: ["personId"], where: { personId: { in: o.personIds }, revokedAt: null }, _max: { createdAt: true } });
  const leaves = await db.leave.findMany({ where: { personId: { in: o.personIds }, startDate: { lte: dbDate(o.today) } }, select: { personId: true, startDate: true, endDate: true } });
  const byPerson = new Map<number, { from: LocalDate; to: LocalDate }[]>();
  for (const l of leaves) byPerson.set(l.personId, [...(byPerson.get(l.personId) ?? []), { from: fromDbDate(l.startDate), to: fromDbDate(l.endDate) }]);
  return {
    lastReport: new Map(reports.filter((r) => r._max.createdAt).map((r) => [r.personId, localDate(r._max.createdAt!, o.tz)])),
    leaves: byPerson,
  };
}
