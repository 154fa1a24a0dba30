// 更正 查房=2: sets a day's (or a closed month's) count by adding the difference as a new entry.
import { daysBetween, monthRange, type LocalDate } from "../../infra/time.js";
import { reply } from "../../templates.js";
import { setOutcome } from "../../services/inbound.js";
import { isMonthClosed } from "../../services/month-close.js";
import { findCurrentPosting, type CurrentPosting } from "../../services/postings.js";
import { inPersonTransaction, recordEntries, round, sumWorkload } from "../../services/workload.js";
import { answer, reject, type BotContext, type Command, type CommandResult } from "../context.js";
import { formatDay, formatMonth, formatQuantity, closedMonthText } from "../format.js";
import { parseCorrection, splitReason, type Correction } from "../parse-command.js";
import { dateProblem } from "../parse-report.js";
import { dailyLimitOf, holdForConfirmation, limitText } from "./report.js";

export type CorrectionOptions = { text: string; inboundId: number; skipLimits?: boolean };

/** A correction is as plausible as the reports it stands for: at most the daily bound for each day it covers. */
function correctionLimit(ctx: BotContext, c: Correction, window: { from: LocalDate; to: LocalDate }): number {
  const days = daysBetween(window.from, window.to) + 1;
  return dailyLimitOf(ctx, c.metric.key) * days;
}

function correctionWindow(c: Correction, posting: CurrentPosting, today: LocalDate): { from: LocalDate; to: LocalDate; on: LocalDate } {
  if (c.scope === "day") return { from: c.date, to: c.date, on: c.date };
  const range = monthRange(c.month);
  const from = posting.start && posting.start > range.from ? posting.start : range.from;
  const lastDay = [range.to, posting.end ?? range.to, today].sort()[0];
  return { from, to: lastDay, on: lastDay };
}

async function applyCorrection(ctx: BotContext, c: Correction, reason: string | undefined, posting: CurrentPosting, o: CorrectionOptions): Promise<CommandResult> {
  const db = ctx.deps.prisma;
  const personId = ctx.sender!.id;
  const window = correctionWindow(c, posting, ctx.today);
  if (dateProblem(window.on, { today: ctx.today, postingStart: posting.start, postingEnd: posting.end }) || window.from > window.to) {
    return reject("outside_posting", reply("unreadable", { fragment: o.text, why: reply("unreadable.outside_posting", { start: posting.start ?? "", end: posting.end ?? "" }), example: reply("correct.usage") }));
  }
  const month = window.on.slice(0, 7);
  const closed = await isMonthClosed(db, posting.id, month, ctx.today);
  if (closed && !reason) return reject("closed_month", closedMonthText(month));
  const limit = correctionLimit(ctx, c, window);
  if (!o.skipLimits && c.value > limit) {
    await holdForConfirmation(ctx, { inboundId: o.inboundId, kind: "correction" });
    const items = `${c.metric.short} ${formatQuantity(c.value)} ${c.metric.unit}`;
    return answer("pending_confirmation", reply("implausible", { items, limits: limitText(c.metric.key, limit) }));
  }
  // Read and written under the person's lock, so two corrections at once cannot both add a difference.
  const previous = await inPersonTransaction(db, personId, async (tx) => {
    const before = (await sumWorkload(tx, { personId, from: window.from, to: window.to, metrics: [c.metric.key] })).get(c.metric.key) ?? 0;
    if (round(c.value - before) === 0) return before;
    await recordEntries(tx, {
      postingId: posting.id, personId, source: "correction", rawText: o.text, inboundMessageId: o.inboundId,
      items: [{ metric: c.metric.key, quantity: round(c.value - before), date: window.on }], reason, isLateCorrection: closed,
    });
    await setOutcome(tx, o.inboundId, "recorded", { personId });
    return before;
  });
  const unit = c.metric.money ? c.metric.unit : ` ${c.metric.unit}`;
  const vars = { metric: c.metric.short, value: formatQuantity(c.value), previous: formatQuantity(previous), unit };
  if (round(c.value - previous) === 0) return answer("command", reply("correct.same", vars));
  const done = c.scope === "day" ? reply("correct.done", { ...vars, date: formatDay(c.date) }) : reply("correct.month_done", { ...vars, month: formatMonth(c.month) });
  return answer("recorded", done);
}

const CORRECTION = /^(?:更正|修改|改正)\s*([\s\S]*)$/;

export const correct: Command = {
  name: "correct",
  match: (text) => CORRECTION.exec(text),
  handle: (ctx) => recordCorrection(ctx, { text: ctx.text, inboundId: ctx.inboundId }),
};

/** Parses and applies one correction; shared by 更正 and by 确认 of a correction held back. */
export async function recordCorrection(ctx: BotContext, o: CorrectionOptions): Promise<CommandResult> {
  const { body, reason } = splitReason(CORRECTION.exec(o.text)?.[1] ?? "");
  const correction = parseCorrection(body, ctx.today);
  if (!correction) return reject("bad_correction", reply("correct.usage"));
  const posting = await findCurrentPosting(ctx.deps.prisma, ctx.sender!.id, ctx.today);
  if (!posting) return reject("no_posting", reply("no_posting"));
  return applyCorrection(ctx, correction, reason, posting, o);
}
