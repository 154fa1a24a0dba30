// 批准 on a leave card: the approval workflow (src/workflows/leave/) decides; this says it on the card.
import type { ParsedTaskId } from "../../../cards/card.js";
import { formatTime } from "../../../templates/phrases.js";
import { approveLeaveAsApprover } from "../../../workflows/leave/approve-leave-as-approver.js";
import { answer, type CommandResult, type KnownContext } from "../../context.js";
import { card, refuse } from "./refuse.js";

export async function tapLeave(ctx: KnownContext, tapped: ParsedTaskId, key: string): Promise<CommandResult> {
  if (key !== "approve") return refuse("unknown_card");
  const outcome = await approveLeaveAsApprover(ctx.deps, ctx.sender, tapped.subject);
  if ("refused" in outcome) return outcome.refused === "not_approver" ? refuse("not_approver", "leave.not_approver") : refuse("unknown_card");
  if ("already" in outcome) {
    const time = outcome.at ? formatTime(outcome.at, ctx.deps.tz) : "";
    return { ...refuse("already_approved", "leave.already", { by: outcome.by ?? "", time }), cardUpdate: card("leave.done", { name: outcome.by ?? "", time }) };
  }
  return { ...answer("command", card("leave.approved", outcome.vars)), cardUpdate: card("leave.done", { name: ctx.sender.name, time: formatTime(ctx.deps.now(), ctx.deps.tz) }) };
}
