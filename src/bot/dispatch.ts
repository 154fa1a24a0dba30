// The command table: a card tap goes to its card's command; text to the first command that matches;
// anything else is a workload report.
import type { BotContext, Command, CommandResult, KnownContext } from "./context.js";
import { replyOf } from "../templates/render.js";
import { charCount, TEXT_LIMITS } from "../domain/text-limits.js";
import { reject } from "./context.js";
import { bind } from "./commands/bind.js";
import { confirm } from "./commands/confirm.js";
import { chooseClinic } from "./commands/clinic.js";
import { correct } from "./commands/correct.js";
import { help } from "./commands/help.js";
import { leave } from "./commands/leave.js";
import { pauseReminders, resumeReminders } from "./commands/pause-reminders.js";
import { report } from "./commands/report.js";
import { quickReport } from "./commands/quick-report.js";
import { meeting } from "./commands/meeting.js";
import { visit } from "./commands/visit.js";
import { summary } from "./commands/summary.js";
import { undo } from "./commands/undo.js";
import { tap } from "./commands/taps/index.js";
import { assessmentSummary } from "./commands/assessment-summary.js";
import { training } from "./commands/training.js";
import { consoleLink } from "./commands/console-link.js";
import { serviceRecord } from "./commands/service-record.js";

export const COMMANDS: readonly Command[] = [help, bind, summary, undo, confirm, chooseClinic, correct, leave, pauseReminders, resumeReminders, quickReport, meeting, visit, training, assessmentSummary, consoleLink, serviceRecord];

const unknownSender: CommandResult = { replies: [replyOf("replies")("unknown_sender")], outcome: "unknown_sender" };

export async function dispatch(ctx: BotContext): Promise<CommandResult> {
  if (ctx.msg.tap) return ctx.sender ? tap(ctx as KnownContext, ctx.msg.tap) : unknownSender;
  // Refused before any command reads it, so no reply can echo it back in pieces.
  const count = charCount(ctx.text);
  if (count > TEXT_LIMITS.message) return reject("too_long", replyOf("replies")("message_too_long", { count, max: TEXT_LIMITS.message }));
  for (const command of COMMANDS) {
    const match = command.match(ctx.text);
    if (!match) continue;
    if (!ctx.sender && !command.allowsUnknownSender) break;
    return command.handle(ctx, match);
  }
  if (!ctx.sender) return unknownSender;
  return report(ctx as KnownContext, { text: ctx.text, inboundId: ctx.inboundId });
}
