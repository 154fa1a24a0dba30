// The ordered command table: first match wins; anything else is a workload report. Card taps go to the card.
import type { BotContext, Command, CommandResult } from "./context.js";
import { bind } from "./commands/bind.js";
import { confirm } from "./commands/confirm.js";
import { correct } from "./commands/correct.js";
import { help } from "./commands/help.js";
import { leave, pauseReminders, resumeReminders } from "./commands/leave.js";
import { handleReport } from "./commands/report.js";
import { quickReport } from "./commands/quick-report.js";
import { meeting, visit } from "./commands/oversight.js";
import { summary } from "./commands/summary.js";
import { undo } from "./commands/undo.js";
import { reply } from "../templates.js";
import { handleCardTap } from "../cards/taps.js";

export const COMMANDS: readonly Command[] = [help, bind, summary, undo, confirm, correct, leave, pauseReminders, resumeReminders, quickReport, meeting, visit];

export async function dispatch(ctx: BotContext): Promise<CommandResult> {
  if (ctx.msg.tap) return ctx.sender ? handleCardTap(ctx, ctx.msg.tap) : { replies: [reply("unknown_sender")], outcome: "unknown_sender" };
  for (const command of COMMANDS) {
    const match = command.match(ctx.text);
    if (!match) continue;
    if (!ctx.sender && !command.allowsUnknownSender) break;
    return command.handle(ctx, match);
  }
  if (!ctx.sender) return { replies: [reply("unknown_sender")], outcome: "unknown_sender" };
  return handleReport(ctx);
}
