// Nudges a doctor had during one silence (after `since`, before today), not cancelled.
import type { Db } from "../infra/db.js";
import type { LocalDate } from "../infra/time.js";

export async function countNudges(db: Db, personId: number, since: LocalDate, today: LocalDate): Promise<number> {
  return db.notification.count({ where: { kind: "nudge", subject: `person:${personId}`, period: { gt: since, lt: today }, cancelledAt: null } });
}
