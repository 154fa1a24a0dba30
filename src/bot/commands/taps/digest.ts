// 已阅 on a digest: only the leader it was sent to; the card shows when it was read.
import type { ParsedTaskId } from "../../../cards/card.js";
import { replyOf } from "../../../templates/render.js";
import { formatTime } from "../../../templates/phrases.js";
import type { CommandResult, KnownContext } from "../../context.js";
import { refuse } from "./refuse.js";

const remind = replyOf("reminders");

export async function tapDigest(ctx: KnownContext, tapped: ParsedTaskId, key: string): Promise<CommandResult> {
  if (key !== "read") return refuse("unknown_card");
  if (tapped.subject !== ctx.sender.id) return refuse("not_yours");
  return { replies: [], outcome: "command", cardUpdate: remind("digest.read", { time: formatTime(ctx.deps.now(), ctx.deps.tz) }) };
}
