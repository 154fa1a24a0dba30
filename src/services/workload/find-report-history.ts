// For the nudge: everyone's last report (by when it was sent, so a back-dated report counts today) and
// their leaves up to today, in two queries. The last report is one backward step down the
// (personId, createdAt) index per person, not a grouping of the whole ledger: 10,000 people over a
// million entries in a fraction of a second (the plan: Index Scan Backward using
// "WorkloadEntry_personId_createdAt_idx", once per person; `npm run bench -- schedule`).
import type { Db } from "../../infra/db.js";
import { dbDate, fromDbDate, localDate, type LocalDate } from "../../infra/time.js";

export type ReportHistory = { lastReport: Map<number, LocalDate>; leaves: Map<number, { from: LocalDate; to: LocalDate }[]> };

export async function findReportHistory(db: Db, o: { personIds: number[]; today: LocalDate; tz: string }): Promise<ReportHistory> {
  const reports = await db.$queryRawUnsafe<{ personId: number; last: Date | null }[]>(`
    SELECT p.id AS "personId",
      (SELECT e."createdAt" FROM "WorkloadEntry" e WHERE e."personId" = p.id AND e."revokedAt" IS NULL ORDER BY e."createdAt" DESC LIMIT 1) AS last
    FROM unnest(string_to_array($1, ',')::int[]) AS p(id)`, o.personIds.join(","));
  const leaves = await db.leave.findMany({ where: { personId: { in: o.personIds }, startDate: { lte: dbDate(o.today) } }, select: { personId: true, startDate: true, endDate: true } });
  const byPerson = new Map<number, { from: LocalDate; to: LocalDate }[]>();
  for (const l of leaves) byPerson.set(l.personId, [...(byPerson.get(l.personId) ?? []), { from: fromDbDate(l.startDate), to: fromDbDate(l.endDate) }]);
  return {
    lastReport: new Map(reports.filter((r) => r.last).map((r) => [r.personId, localDate(new Date(r.last!), o.tz)])),
    leaves: byPerson,
  };
}
