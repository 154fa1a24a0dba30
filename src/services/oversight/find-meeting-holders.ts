// Which of some supporting hospitals logged a quarterly meeting in a period: one grouped query for all.
import type { Db } from "../../infra/db.js";
import { dbDate, type Period } from "../../infra/time.js";

export async function findMeetingHolders(db: Db, supportingOrgIds: number[], p: Period): Promise<Set<number>> {
  if (supportingOrgIds.length === 0) return new Set();
  const rows = await db.meeting.groupBy({ by: ["supportingOrgId"], where: { supportingOrgId: { in: supportingOrgIds }, heldOn: { gte: dbDate(p.from), lte: dbDate(p.to) } } });
  return new Set(rows.map((r) => r.supportingOrgId));
}
