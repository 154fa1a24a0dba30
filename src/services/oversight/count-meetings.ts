// Quarterly meetings a supporting hospital logged in a period.
import type { Db } from "../../infra/db.js";
import { dbDate, type Period } from "../../infra/time.js";

export function countMeetings(db: Db, supportingOrgId: number, p: Period): Promise<number> {
  return db.meeting.count({ where: { supportingOrgId, heldOn: { gte: dbDate(p.from), lte: dbDate(p.to) } } });
}
