// 更正 查房=2: sets a day's (or a closed month's) count by adding the difference as a new entry.
import { monthRange, type LocalDate } from "../../infra/time.js";
import { reply } from "../../templates.js";
import { setOutcome } from "../../services/inbound.js";
import { isMonthClosed } from "../../services/month-close.js";
import { findCurrentPosting, type CurrentPosting } from "../../services/postings.js";
import { recordEntries, round, sumWorkload } from "../../services/workload.js";
import { answer, reject, type BotContext, type Command, type CommandResult } from "../context.js";
import { formatDay, formatMonth, formatQuantity, closedMonthText } from "../format.js";
import { parseCorrection, splitReason, type Correction } from "../parse-command.js";
import { dateProblem } from "../parse-report.js";

function correctionWindow(c: Correction, posting: CurrentPosting, today: LocalDate): { from: LocalDate; to: LocalDate; on: LocalDate } {
  if (c.scope === "day") return { from: c.date, to: c.date, on: c.date };
  const range = monthRange(c.month);
  const from = posting.start && posting.start > range.from ? posting.start : range.from;
  const lastDay = [range.to, posting.end ?? range.to, today].sort()[0];
  return { from, to: lastDay, on: lastDay };
}

async function applyCorrection(ctx: BotContext, c: Correction, reason: string | undefined, posting: CurrentPosting): Promise<CommandResult> {
  const db = ctx.deps.prisma;
  const personId = ctx.sender!.id;
  const window = correctionWindow(c, posting, ctx.today);
  if (dateProblem(window.on, { today: ctx.today, postingStart: posting.start, postingEnd: posting.end }) || window.from > window.to) {
    return reject("outside_posting", reply("unreadable", { fragment: ctx.text, why: reply("unreadable.outside_posting", { start: posting.start ?? "", end: posting.end ?? "" }), example: reply("correct.usage") }));
  }
  const month = window.on.slice(0, 7);
  const closed = await isMonthClosed(db, posting.id, month, ctx.today);
  if (closed && !reason) return reject("closed_month", closedMonthText(month));
  const previous = (await sumWorkload(db, { personId, from: window.from, to: window.to, metrics: [c.metric.key] })).get(c.metric.key) ?? 0;
  const unit = c.metric.money ? c.metric.unit : ` ${c.metric.unit}`;
  const vars = { metric: c.metric.short, value: formatQuantity(c.value), previous: formatQuantity(previous), unit };
  if (round(c.value - previous) === 0) return answer("command", reply("correct.same", vars));
  await db.$transaction(async (tx) => {
    await recordEntries(tx, {
      postingId: posting.id, personId, source: "correction", rawText: ctx.text, inboundMessageId: ctx.inboundId,
      items: [{ metric: c.metric.key, quantity: round(c.value - previous), date: window.on }], reason, isLateCorrection: closed,
    });
    await setOutcome(tx, ctx.inboundId, "recorded", { personId });
  });
  const done = c.scope === "day" ? reply("correct.done", { ...vars, date: formatDay(c.date) }) : reply("correct.month_done", { ...vars, month: formatMonth(c.month) });
  return answer("recorded", done);
}

export const correct: Command = {
  name: "correct",
  match: (text) => /^(?:更正|修改|改正)\s*([\s\S]*)$/.exec(text),
  async handle(ctx, match) {
    const { body, reason } = splitReason(match[1]);
    const correction = parseCorrection(body, ctx.today);
    if (!correction) return reject("bad_correction", reply("correct.usage"));
    const posting = await findCurrentPosting(ctx.deps.prisma, ctx.sender!.id, ctx.today);
    if (!posting) return reject("no_posting", reply("no_posting"));
    return applyCorrection(ctx, correction, reason, posting);
  },
};

