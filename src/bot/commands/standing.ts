// "Where do I stand": this month's totals and progress against targets, after every report and for 本月.
import { monthOf, monthRange } from "../../infra/time.js";
import { phrase, replyOf, type Reply } from "../../templates/render.js";
import { formatProgress, formatTotals } from "../../templates/phrases.js";
import type { CurrentPosting } from "../../services/postings/find-current-posting.js";
import { listTargets } from "../../services/targets/list-targets.js";
import { measureStanding, planStanding, standingOf, type StandingPlan } from "../../services/workload/measure-standing.js";
import type { DayTotal } from "../../services/workload/sum-per-day.js";
import type { KnownContext } from "../context.js";

const say = replyOf("replies");

const optionsOf = (ctx: KnownContext, posting: CurrentPosting) => ({
  personId: ctx.sender.id, programmeId: posting.programmeId, postingId: posting.id, start: posting.start, end: posting.end, today: ctx.today, targets: posting.targets,
});

/** What a standing reply sums, worked out before a report is recorded so the totals come back with it. */
export async function planReply(ctx: KnownContext, posting: CurrentPosting): Promise<StandingPlan> {
  const targets = posting.targets ?? (await listTargets(ctx.deps.db, posting.programmeId, posting.id));
  return planStanding(targets, optionsOf(ctx, posting), monthRange(monthOf(ctx.today)));
}

/** The reply's lines: from day totals already read with a report (`read`), or read now. */
export async function describeStanding(ctx: KnownContext, posting: CurrentPosting, read?: { plan: StandingPlan; days: DayTotal[] }): Promise<Reply[]> {
  const { progress, also: totals } = read
    ? standingOf(read.plan, read.days)
    : await measureStanding(ctx.deps.db, optionsOf(ctx, posting), monthRange(monthOf(ctx.today)));
  const line = totals.size > 0 ? say("month.totals", { totals: formatTotals(totals) }) : say("month.empty");
  return [line, ...formatProgress(progress).map(phrase)];
}
