// Supervision visits a clinic had in a period, at one visitor level (and, below the bureau, for one
// supporting hospital: one hospital's visit does not clear another's; for a department head's, for one
// department).
import type { Db } from "../../infra/db.js";
import type { VisitorKind } from "../../generated/prisma/client.js";
import { dbDate, type Period } from "../../infra/time.js";

/** `recipientOrgId`: one clinic, or the clinics a hospital serves (a duty counted per hospital). */
export function countVisits(db: Db, recipientOrgId: number | number[], visitorKind: VisitorKind, p: Period, supportingOrgId?: number, department?: string): Promise<number> {
  const clinics = Array.isArray(recipientOrgId) ? { in: recipientOrgId } : recipientOrgId;
  return db.supervisionVisit.count({ where: { recipientOrgId: clinics, visitorKind, supportingOrgId, department, visitedOn: { gte: dbDate(p.from), lte: dbDate(p.to) } } });
}
