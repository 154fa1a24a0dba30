// 本月 / 统计: my totals this month and since the posting began, against my targets.
import { addDays, monthOf, monthRange } from "../../infra/time.js";
import { reply } from "../../templates.js";
import { findCurrentPosting } from "../../services/postings.js";
import { countLateCorrections, sumWorkload } from "../../services/workload.js";
import { answer, type Command } from "../context.js";
import { formatMonth, formatTotals } from "../format.js";
import { describeStanding } from "./standing.js";

export const summary: Command = {
  name: "summary",
  match: (text) => /^(?:本月|统计|本月统计|查询|汇总|我的统计)$/.exec(text),
  async handle(ctx) {
    const person = ctx.sender!;
    const posting = await findCurrentPosting(ctx.deps.prisma, person.id, ctx.today);
    if (!posting) return answer("query", reply("no_posting"));
    const lines = [reply("summary.header", { name: person.name, month: formatMonth(monthOf(ctx.today)) })];
    lines.push(...(await describeStanding(ctx, posting)));
    const since = posting.start ?? addDays(ctx.today, -365);
    const all = await sumWorkload(ctx.deps.prisma, { personId: person.id, from: since, to: ctx.today });
    if (all.size > 0) lines.push(reply("summary.programme", { start: since, totals: formatTotals(all) }));
    const month = monthRange(monthOf(ctx.today));
    const late = await countLateCorrections(ctx.deps.prisma, person.id, month.from, month.to);
    if (late > 0) lines.push(reply("summary.late", { count: late }));
    return answer("query", lines.join("\n"));
  },
};
