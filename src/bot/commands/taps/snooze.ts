// 稍后提醒 on a reminder card: the same reminder again after the snooze, held to working hours; it is
// checked again then (a report in between cancels it).
import { parseQuietHours } from "../../../schedule/calendar.js";
import { replyOf } from "../../../templates/render.js";
import { formatTime } from "../../../templates/phrases.js";
import { snoozeReminder } from "../../../services/notifications/snooze-reminder.js";
import { answer, type CommandResult, type KnownContext } from "../../context.js";
import { refuse } from "./refuse.js";

const remind = replyOf("reminders");
const DEFAULT_REMINDERS = { quiet: parseQuietHours("21:00-08:00"), snoozeMinutes: 120 };

export async function tapSnooze(ctx: KnownContext, taskId: string): Promise<CommandResult> {
  const { quiet, snoozeMinutes } = ctx.deps.reminders ?? DEFAULT_REMINDERS;
  const now = ctx.deps.now();
  const due = await snoozeReminder(ctx.deps.db, { taskId, personId: ctx.sender.id, until: new Date(now.getTime() + snoozeMinutes * 60_000), tz: ctx.deps.tz, quiet, now });
  if (due === "unknown") return refuse("unknown_card");
  if (due === "not_yours") return refuse("not_yours");
  const time = formatTime(due, ctx.deps.tz);
  return { ...answer("command", remind("snoozed", { time })), cardUpdate: remind("snooze.done", { time }) };
}
