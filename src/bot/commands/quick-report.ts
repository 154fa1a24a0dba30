// 填报: the quick report card, for a doctor who would rather tap than type (also 填报 on a reminder card).
import { quickReportCard } from "../../cards/build.js";
import { replyOf } from "../../templates/render.js";
import { rankQuickMetrics } from "../../services/workload/rank-quick-metrics.js";
import { answer, currentPostingOf, reject, type Command, type KnownContext, type CommandResult } from "../context.js";

const say = replyOf("replies");

export async function sendQuickReportCard(ctx: KnownContext): Promise<CommandResult> {
  const person = ctx.sender;
  const posting = await currentPostingOf(ctx);
  if (!posting) return reject("no_posting", say(person.role === "doctor" ? "no_posting" : "not_a_doctor"));
  const metrics = await rankQuickMetrics(ctx.deps.db, person.id);
  return { ...answer("query"), cards: [quickReportCard({ personId: person.id, recipientOrgName: posting.recipientOrgName, today: ctx.today, metrics })] };
}

export const quickReport: Command = {
  name: "quick_report",
  match: (text) => /^(?:填报|填报卡片|快速填报|卡片)$/.exec(text),
  handle: (ctx) => sendQuickReportCard(ctx as KnownContext),
};
