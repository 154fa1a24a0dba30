// 提交 on the quick report card: the choices become the chat report the doctor would have typed, so it
// goes through the same checks and is recorded the same way.
import { z } from "zod";
import { getMetric, METRIC_KEYS } from "../../../domain/metrics.js";
import type { CardTap, ParsedTaskId } from "../../../cards/card.js";
import { formatDay, formatTime } from "../../../templates/phrases.js";
import { setInboundText } from "../../../services/inbound/set-inbound-text.js";
import type { CommandResult, KnownContext } from "../../context.js";
import { report } from "../report.js";
import { card, refuse } from "./refuse.js";

const Choice = z.object({ questionKey: z.enum(METRIC_KEYS), optionIds: z.array(z.string()).max(1) });
const COUNT = /^\d{1,4}$/;

/** WeCom sends option ids from our select lists; DingTalk sends what the doctor typed into an input. */
function choicesAsReport(t: CardTap, day: string): { text: string } | { badCount: string } | undefined {
  const parsed = z.array(Choice).max(METRIC_KEYS.length).safeParse(t.selections);
  if (!parsed.success) return undefined;
  const bad = parsed.data.find((c) => c.optionIds[0] !== undefined && !COUNT.test(c.optionIds[0]));
  if (bad) return { badCount: bad.optionIds[0].slice(0, 20) };
  const items = parsed.data.filter((c) => Number(c.optionIds[0] ?? 0) > 0).map((c) => `${getMetric(c.questionKey).short}+${Number(c.optionIds[0])}`);
  return { text: items.length === 0 ? "" : `${formatDay(day)} ${items.join(" ")}` };
}

export async function tapQuickReport(ctx: KnownContext, tapped: ParsedTaskId, t: CardTap): Promise<CommandResult> {
  if (tapped.subject !== ctx.sender.id) return refuse("not_yours");
  const choice = tapped.period && t.key === "submit" ? choicesAsReport(t, tapped.period) : undefined;
  if (choice === undefined) return refuse("unknown_card");
  if ("badCount" in choice) return refuse("bad_count", "quick.bad_count", { fragment: choice.badCount });
  if (choice.text === "") return refuse("empty", "quick.empty");
  // Kept on the stored message: what the doctor submitted, and what 确认 re-reads after a limit check.
  await setInboundText(ctx.deps.db, ctx.inboundId, choice.text);
  const result = await report(ctx, { text: choice.text, inboundId: ctx.inboundId, source: "card" });
  return result.outcome === "recorded" ? { ...result, cardUpdate: card("quick.done", { time: formatTime(ctx.deps.now(), ctx.deps.tz) }) } : result;
}
