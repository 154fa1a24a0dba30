// An opinion of the form's scale (优秀 / 合格 / 基本合格 / 不合格) on an assessment card: the party whose step is due signs with that opinion
// (sign-as-party.ts); the card's buttons give way to who signed what.
import type { ParsedTaskId } from "../../../cards/card.js";
import { answer, type CommandResult, type KnownContext } from "../../context.js";
import { signAsParty } from "../../../workflows/assessment/sign-as-party.js";
import { card, refuse } from "./refuse.js";

export async function tapAssessment(ctx: KnownContext, tapped: ParsedTaskId, key: string): Promise<CommandResult> {
  const outcome = await signAsParty(ctx.deps, ctx.sender, tapped.subject, key);
  if ("refused" in outcome) {
    const vars = { form: outcome.form ?? "", step: outcome.party ?? "" };
    if (outcome.refused === "unknown") return refuse("unknown_card");
    if (outcome.refused === "complete") return refuse("assessment_complete", "assessment.complete", vars);
    return refuse(outcome.refused, `assessment.${outcome.refused}`, vars);
  }
  const { vars } = outcome;
  return { ...answer("command", card(outcome.next ? "assessment.signed" : "assessment.signed.all", vars)), cardUpdate: card("assessment.done", { name: ctx.sender.name, opinion: vars.opinion, time: vars.time }) };
}
