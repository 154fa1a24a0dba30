// 本月 / 统计: my totals this month and since the posting began, against my targets.
import { addDays, monthOf, monthRange } from "../../infra/time.js";
import { lines as linesOf, replyOf } from "../../templates/render.js";
import { formatMonth, formatTotals } from "../../templates/phrases.js";
import { sumWorkload } from "../../services/workload/sum-workload.js";
import { countLateCorrections } from "../../services/workload/count-late-corrections.js";
import { answer, currentPostingOf, type Command, type KnownContext } from "../context.js";
import { describeStanding } from "./standing.js";

const say = replyOf("replies");

export const summary: Command = {
  name: "summary",
  match: (text) => /^(?:本月|统计|本月统计|查询|汇总|我的统计)$/.exec(text),
  async handle(ctx) {
    const known = ctx as KnownContext;
    const person = known.sender;
    const posting = await currentPostingOf(known);
    if (!posting) return answer("query", say("no_posting"));
    const lines = [say("summary.header", { name: person.name, month: formatMonth(monthOf(ctx.today)) })];
    lines.push(...(await describeStanding(known, posting)));
    const since = posting.start ?? addDays(ctx.today, -365);
    const all = await sumWorkload(ctx.deps.db, { personId: person.id, from: since, to: ctx.today });
    if (all.size > 0) lines.push(say("summary.programme", { start: since, totals: formatTotals(all) }));
    const month = monthRange(monthOf(ctx.today));
    const late = await countLateCorrections(ctx.deps.db, person.id, month.from, month.to);
    if (late > 0) lines.push(say("summary.late", { count: late }));
    return answer("query", linesOf(...lines));
  },
};
