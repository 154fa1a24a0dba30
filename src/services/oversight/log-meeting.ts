// 会议: a supporting hospital's quarterly meeting on the programme, logged by a leader in chat or by a
// clerk in the console (with its minutes, 会议纪要).
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export async function logMeeting(db: Db, o: { supportingOrgId: number; heldOn: LocalDate; title: string; attendees?: string; minutes?: string; loggedById: number | null }): Promise<number> {
  const m = await db.meeting.create({
    data: { supportingOrgId: o.supportingOrgId, heldOn: dbDate(o.heldOn), title: o.title, attendees: o.attendees || null, minutes: o.minutes || null, loggedById: o.loggedById },
    select: { id: true },
  });
  return m.id;
}
