// 提醒 from the console's 未填报医生: the same nudge the 17:30 job sends, written to the outbox now
// under the same key (nudge, person, today), so a doctor hears it once a day at most whoever asks
// (the job, a clerk, a second clerk). The outbox sends it on its next pass, outside quiet hours, and
// drops it if the doctor reports first.
import type { DbClient } from "../../infra/db.js";
import { nudgeCard } from "../../cards/build.js";
import { workingDaysBetween } from "../../schedule/calendar.js";
import { findReportHistory } from "../../services/workload/find-report-history.js";
import { writeNotifications } from "../../services/notifications/write-notifications.js";
import { fromDbDate, type LocalDate } from "../../infra/time.js";

export type RemindOutcome = "queued" | "already_today";

export async function remindDoctorNow(db: DbClient, o: { posting: { person: { id: number; name: string }; startDate: Date | null }; today: LocalDate; tz: string; now: Date }): Promise<RemindOutcome> {
  const person = o.posting.person;
  const lastReport = (await findReportHistory(db, { personIds: [person.id], today: o.today, tz: o.tz })).lastReport.get(person.id) ?? null;
  const since = lastReport ?? (o.posting.startDate ? fromDbDate(o.posting.startDate) : o.today);
  const days = Math.max(0, workingDaysBetween(since, o.today));
  const written = await writeNotifications(db, {
    list: [{ kind: "nudge", subject: `person:${person.id}`, period: o.today, to: person, message: { card: nudgeCard({ personId: person.id, name: person.name, days, lastReport }) } }],
    dueAt: o.now, writtenAt: o.now,
  });
  return written.size > 0 ? "queued" : "already_today";
}
