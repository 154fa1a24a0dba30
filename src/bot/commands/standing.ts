// "Where do I stand": this month's totals and progress against targets, after every report and for 本月.
import { monthOf, monthRange } from "../../infra/time.js";
import { reply } from "../../templates.js";
import type { CurrentPosting } from "../../services/postings.js";
import { measureStanding } from "../../services/targets.js";
import type { BotContext } from "../context.js";
import { formatProgress, formatTotals } from "../format.js";

export async function describeStanding(ctx: BotContext, posting: CurrentPosting): Promise<string[]> {
  const personId = ctx.sender!.id;
  const month = monthRange(monthOf(ctx.today));
  const { progress, also: totals } = await measureStanding(ctx.deps.prisma, {
    personId, programmeId: posting.programmeId, postingId: posting.id, start: posting.start, end: posting.end, today: ctx.today,
  }, month);
  const line = totals.size > 0 ? reply("month.totals", { totals: formatTotals(totals) }) : reply("month.empty");
  return [line, ...formatProgress(progress)];
}
