// 督导: a supervision visit to a clinic, at the visitor's level: a bureau's, a hospital leader's, or a
// department head's. From chat the level follows who logs it (visitOf); from the console the clerk
// names the visitor and their capacity, judged against the caller's scope by the API.
import type { Db } from "../../infra/db.js";
import type { VisitorKind } from "../../generated/prisma/client.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

type Visitor = { id: number; name: string; department: string | null; organization: { id: number; kind: string } };

export type VisitRecord = { visitorKind: VisitorKind; visitors: string; supportingOrgId: number | null; department: string | null; loggedById: number | null };

/** A leader's own visit: a bureau's, else a department head's (a leader with a department) or a hospital leader's. */
export function visitOf(v: Visitor): VisitRecord {
  const visitorKind: VisitorKind = v.organization.kind === "authority" ? "bureau" : v.department ? "dept_head" : "hospital_leader";
  return { visitorKind, visitors: v.name, department: visitorKind === "dept_head" ? v.department : null, supportingOrgId: v.organization.kind === "supporting" ? v.organization.id : null, loggedById: v.id };
}

/** `clinic`: found and judged within the caller's scope (services/access/find-clinic-in-scope). */
export async function logVisit(db: Db, o: VisitRecord & { clinic: { id: number; name: string }; visitedOn: LocalDate; report: string }): Promise<{ clinic: string; visitorKind: VisitorKind }> {
  await db.supervisionVisit.create({
    data: { recipientOrgId: o.clinic.id, visitedOn: dbDate(o.visitedOn), visitorKind: o.visitorKind, department: o.department, supportingOrgId: o.supportingOrgId, visitors: o.visitors, report: o.report || null, loggedById: o.loggedById },
  });
  return { clinic: o.clinic.name, visitorKind: o.visitorKind };
}
