// Card taps are commands too: the card's kind (from its task id) picks one. The tapper must be the person
// the card is for; every answer is safe to repeat (the pipeline dedupes replays, and the changes
// themselves are conditional), and a tap that changes nothing says why.
import { parseTaskId, type CardTap } from "../../../cards/card.js";
import type { CommandResult, KnownContext } from "../../context.js";
import { sendQuickReportCard } from "../quick-report.js";
import { refuse } from "./refuse.js";
import { tapArrival } from "./arrival.js";
import { tapMonthEnd } from "./month-end.js";
import { tapQuickReport } from "./quick-report.js";
import { tapSnooze } from "./snooze.js";
import { tapDigest } from "./digest.js";
import { tapAssessment } from "./assessment.js";
import { tapLeave } from "./leave.js";

export async function tap(ctx: KnownContext, t: CardTap): Promise<CommandResult> {
  const card = parseTaskId(t.taskId);
  if (!card) return refuse("unknown_card");
  if (t.key === "snooze") return tapSnooze(ctx, t.taskId);
  if (card.kind === "reminder") return t.key === "quick" ? sendQuickReportCard(ctx) : refuse("unknown_card");
  if (card.kind === "arrival") return tapArrival(ctx, card, t.key);
  if (card.kind === "month_end") return tapMonthEnd(ctx, card, t.key);
  if (card.kind === "digest") return tapDigest(ctx, card, t.key);
  if (card.kind === "assessment") return tapAssessment(ctx, card, t.key);
  if (card.kind === "leave") return tapLeave(ctx, card, t.key);
  return tapQuickReport(ctx, card, t);
}
