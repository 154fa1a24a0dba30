// 填报: the quick report card, for a doctor who would rather tap than type.
import { quickReportCard } from "../../cards/build.js";
import { reply } from "../../templates.js";
import { findCurrentPosting } from "../../services/postings.js";
import { answer, reject, type BotContext, type Command, type CommandResult } from "../context.js";

/** Also the answer to 填报 on a reminder card. */
export async function sendQuickReportCard(ctx: BotContext): Promise<CommandResult> {
  const person = ctx.sender!;
  const posting = await findCurrentPosting(ctx.deps.prisma, person.id, ctx.today);
  if (!posting) return reject("no_posting", reply(person.role === "doctor" ? "no_posting" : "not_a_doctor"));
  const card = await quickReportCard(ctx.deps.prisma, { personId: person.id, recipientOrgName: posting.recipientOrgName, today: ctx.today });
  return { ...answer("query"), cards: [card] };
}

export const quickReport: Command = {
  name: "quick_report",
  match: (text) => /^(?:填报|填报卡片|快速填报|卡片)$/.exec(text),
  handle: (ctx) => sendQuickReportCard(ctx),
};
