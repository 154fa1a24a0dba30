// "Where do I stand": this month's totals and progress against targets, after every report and for 本月.
import { monthOf, monthRange } from "../../infra/time.js";
import { phrase, replyOf, type Reply } from "../../templates/render.js";
import { formatProgress, formatTotals } from "../../templates/phrases.js";
import type { CurrentPosting } from "../../services/find-current-posting.js";
import { measureStanding } from "../../services/measure-standing.js";
import type { KnownContext } from "../context.js";

const say = replyOf("replies");

export async function describeStanding(ctx: KnownContext, posting: CurrentPosting): Promise<Reply[]> {
  const month = monthRange(monthOf(ctx.today));
  const { progress, also: totals } = await measureStanding(ctx.deps.db, {
    personId: ctx.sender.id, programmeId: posting.programmeId, postingId: posting.id, start: posting.start, end: posting.end, today: ctx.today, targets: posting.targets,
  }, month);
  const line = totals.size > 0 ? say("month.totals", { totals: formatTotals(totals) }) : say("month.empty");
  return [line, ...formatProgress(progress).map(phrase)];
}
