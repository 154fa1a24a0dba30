// 提交 / 修改 on the month-end card: the doctor submits the month (closing it) or is told how to change it.
import type { ParsedTaskId } from "../../../cards/card.js";
import { formatMonth, formatMonthShort, formatTime } from "../../../templates/phrases.js";
import { findPostingOwner } from "../../../services/postings/find-posting-owner.js";
import { submitMonth } from "../../../services/months/submit-month.js";
import { answer, type CommandResult, type KnownContext } from "../../context.js";
import { card, refuse } from "./refuse.js";

export async function tapMonthEnd(ctx: KnownContext, tapped: ParsedTaskId, key: string): Promise<CommandResult> {
  const owner = await findPostingOwner(ctx.deps.db, tapped.subject);
  if (owner === undefined || !tapped.period || (key !== "submit" && key !== "revise")) return refuse("unknown_card");
  if (owner !== ctx.sender.id) return refuse("not_yours");
  const vars = { month: formatMonth(tapped.period), monthShort: formatMonthShort(tapped.period), day: card("month.yesterday") };
  if (key === "revise") return answer("command", card("month.reply.revise", vars));
  const { submitted, submittedAt } = await submitMonth(ctx.deps.db, tapped.subject, tapped.period, "card");
  const cardUpdate = card("month.done", { time: formatTime(submitted ? ctx.deps.now() : submittedAt, ctx.deps.tz) });
  if (submitted) return { ...answer("command", card("month.reply.submitted", vars)), cardUpdate };
  return { ...refuse("already_submitted", "month.reply.already", vars), cardUpdate };
}
