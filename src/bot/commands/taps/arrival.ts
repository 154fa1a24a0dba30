// 已到岗 / 未到岗 on an arrival card: only the clinic's contact; the first answer stands.
import type { ParsedTaskId } from "../../../cards/card.js";
import { formatTime } from "../../../templates/phrases.js";
import { answerArrival } from "../../../services/postings/answer-arrival.js";
import { answer, type CommandResult, type KnownContext } from "../../context.js";
import { card, refuse } from "./refuse.js";

export async function tapArrival(ctx: KnownContext, tapped: ParsedTaskId, key: string): Promise<CommandResult> {
  if (key !== "arrived" && key !== "not_arrived") return refuse("unknown_card");
  const now = ctx.deps.now();
  const { outcome, posting } = await answerArrival(ctx.deps.db, { postingId: tapped.subject, answer: key, personId: ctx.sender.id, at: now });
  if (!posting) return refuse("unknown_card");
  const vars = { doctor: posting.doctorName, recipient: posting.recipientOrgName };
  if (outcome === "not_contact") return refuse("not_contact", "arrival.not_contact", vars);
  if (outcome === "ended") return refuse("posting_ended", "arrival.ended", vars);
  if (outcome === "done") {
    const time = formatTime(now, ctx.deps.tz);
    return { ...answer("command", card(`arrival.reply.${key}`, { ...vars, time })), cardUpdate: card(`arrival.done.${key}`, { name: ctx.sender.name, time }) };
  }
  // Already confirmed by someone: the card is brought up to date and the tapper told by whom.
  const time = posting.arrivedAt ? formatTime(posting.arrivedAt, ctx.deps.tz) : "";
  const by = posting.confirmedByName ?? "";
  return { ...refuse("already_arrived", "arrival.already", { ...vars, time, by }), cardUpdate: card("arrival.done.arrived", { name: by, time }) };
}
