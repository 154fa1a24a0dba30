// Supervision visits a clinic had in a period, at one visitor level (and, below the bureau, for one
// supporting hospital: one hospital's visit does not clear another's; for a department head's, for one
// department).
import type { Db } from "../../infra/db.js";
import type { VisitorKind } from "../../generated/prisma/client.js";
import { dbDate, type Period } from "../../infra/time.js";

export function countVisits(db: Db, recipientOrgId: number, visitorKind: VisitorKind, p: Period, supportingOrgId?: number, department?: string): Promise<number> {
  return db.supervisionVisit.count({ where: { recipientOrgId, visitorKind, supportingOrgId, department, visitedOn: { gte: dbDate(p.from), lte: dbDate(p.to) } } });
}
