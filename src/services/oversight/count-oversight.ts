// Meetings of a set of supporting hospitals and visits to a set of clinics (by visitor level) over a
// span: the 季度考核统计表's oversight rows.
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export type OversightCounts = { meetings: number; bureau: number; hospital_leader: number; dept_head: number };

export async function countOversight(db: Db, o: { supportingOrgIds: number[]; clinicIds: number[]; from: LocalDate; to: LocalDate }): Promise<OversightCounts> {
  const span = { gte: dbDate(o.from), lte: dbDate(o.to) };
  const visits = (visitorKind: "bureau" | "hospital_leader" | "dept_head") => db.supervisionVisit.count({ where: { recipientOrgId: { in: o.clinicIds }, visitorKind, visitedOn: span } });
  return {
    meetings: await db.meeting.count({ where: { supportingOrgId: { in: o.supportingOrgIds }, heldOn: span } }),
    bureau: await visits("bureau"), hospital_leader: await visits("hospital_leader"), dept_head: await visits("dept_head"),
  };
}
