// 暂停提醒 until an instant, or 恢复提醒 (null).
import type { Db } from "../../infra/db.js";

export async function pauseReminders(db: Db, personId: number, until: Date | null): Promise<void> {
  await db.person.update({ where: { id: personId }, data: { remindersPausedUntil: until } });
}
