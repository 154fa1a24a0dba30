// Supervision visits a clinic had in a period, at one visitor level.
import type { Db } from "../infra/db.js";
import type { VisitorKind } from "../generated/prisma/client.js";
import { dbDate, type Period } from "../infra/time.js";

export function countVisits(db: Db, recipientOrgId: number, visitorKind: VisitorKind, p: Period): Promise<number> {
  return db.supervisionVisit.count({ where: { recipientOrgId, visitorKind, visitedOn: { gte: dbDate(p.from), lte: dbDate(p.to) } } });
}
