// 督导: a supervision visit to a clinic, at the visitor's level: a bureau's, a hospital leader's, or a
// department head's (a leader with a department).
import type { Db } from "../../infra/db.js";
import type { VisitorKind } from "../../generated/prisma/client.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

type Visitor = { id: number; name: string; department: string | null; organization: { id: number; kind: string } };

function visitorKindOf(v: Visitor): VisitorKind {
  if (v.organization.kind === "authority") return "bureau";
  return v.department ? "dept_head" : "hospital_leader";
}

/** `clinic`: found and judged within the visitor's scope by the caller (services/access/find-clinic-in-scope). */
export async function logVisit(db: Db, o: { visitor: Visitor; clinic: { id: number; name: string }; visitedOn: LocalDate; report: string }): Promise<{ clinic: string; visitorKind: VisitorKind }> {
  const clinic = o.clinic;
  const visitorKind = visitorKindOf(o.visitor);
  await db.supervisionVisit.create({
    data: { recipientOrgId: clinic.id, visitedOn: dbDate(o.visitedOn), visitorKind, department: visitorKind === "dept_head" ? o.visitor.department : null, supportingOrgId: o.visitor.organization.kind === "supporting" ? o.visitor.organization.id : null, visitors: o.visitor.name, report: o.report || null, loggedById: o.visitor.id },
  });
  return { clinic: clinic.name, visitorKind };
}
