// 会议: a supporting hospital's quarterly meeting on the programme, logged by a leader.
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export async function logMeeting(db: Db, o: { supportingOrgId: number; heldOn: LocalDate; title: string; attendees?: string; loggedById: number }): Promise<void> {
  await db.meeting.create({
    data: { supportingOrgId: o.supportingOrgId, heldOn: dbDate(o.heldOn), title: o.title, attendees: o.attendees || null, loggedById: o.loggedById },
  });
}
