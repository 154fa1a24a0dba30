// 稍后提醒: the reminder is written again to the outbox, due after the snooze (held to working hours),
// with a fresh card task id (WeCom wants one per card sent). Returns when it is due.
import type { Db } from "../../infra/db.js";
import { newTaskId, type Card } from "../../cards/card.js";
import { nextSendable, type QuietHours } from "../../schedule/calendar.js";
import { writeNotifications } from "./write-notifications.js";

type Snooze = { taskId: string; personId: number; until: Date; tz: string; quiet: QuietHours; now: Date };

export async function snoozeReminder(db: Db, o: Snooze): Promise<Date | "unknown" | "not_yours"> {
  const original = await db.notification.findUnique({ where: { taskId: o.taskId } });
  if (!original) return "unknown";
  if (original.recipientPersonId !== o.personId) return "not_yours";
  const due = nextSendable(o.until, o.tz, o.quiet);
  const payload = original.payload as { message: { card?: Card; text?: string }; recipient?: string };
  const card = payload.message.card ? { ...payload.message.card, taskId: newTaskId("reminder", original.id) } : undefined;
  // Written now, due later: the outbox checks it is still needed before it goes out.
  await writeNotifications(db, {
    list: [{ kind: original.kind, subject: original.subject, period: `${original.period}~${original.id}`, to: { id: o.personId, name: payload.recipient ?? "" }, message: card ? { card } : payload.message }],
    dueAt: due, writtenAt: o.now,
  });
  return due;
}
