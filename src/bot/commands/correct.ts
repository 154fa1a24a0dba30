// 更正 查房=2: sets a day's (or a closed month's) count by adding the difference as a new entry.
import { daysBetween, monthRange, type LocalDate } from "../../infra/time.js";
import { overBound, round } from "../../domain/quantity.js";
import { replyOf } from "../../templates/render.js";
import { closedMonth, formatAmount, formatDay, formatMonth, formatQuantity } from "../../templates/phrases.js";
import { findClosedMonths } from "../../services/months/find-closed-months.js";
import type { CurrentPosting } from "../../services/postings/find-current-posting.js";
import { recordCorrection } from "../../services/workload/record-correction.js";
import { answer, currentPostingOf, reject, type Command, type CommandResult, type KnownContext } from "../context.js";
import { parseCorrection, splitReason, type Correction } from "../parse-command.js";
import { dateProblem } from "../parse-report.js";
import { dailyLimitOf, holdForConfirmation, limitText } from "./hold.js";

const say = replyOf("replies");

export type CorrectionOptions = { text: string; inboundId: number; skipLimits?: boolean };

function correctionWindow(c: Correction, posting: CurrentPosting, today: LocalDate): { from: LocalDate; to: LocalDate; on: LocalDate } {
  if (c.scope === "day") return { from: c.date, to: c.date, on: c.date };
  const range = monthRange(c.month);
  const from = posting.start && posting.start > range.from ? posting.start : range.from;
  const lastDay = [range.to, posting.end ?? range.to, today].sort()[0];
  return { from, to: lastDay, on: lastDay };
}

async function applyCorrection(ctx: KnownContext, c: Correction, reason: string | undefined, posting: CurrentPosting, o: CorrectionOptions): Promise<CommandResult> {
  const window = correctionWindow(c, posting, ctx.today);
  if (dateProblem(window.on, { today: ctx.today, postingStart: posting.start, postingEnd: posting.end }) || window.from > window.to) {
    const why = say("unreadable.outside_posting", { start: posting.start ?? "", end: posting.end ?? "" });
    return reject("outside_posting", say("unreadable", { fragment: o.text, why, example: say("correct.usage") }));
  }
  const [closed] = await findClosedMonths(ctx.deps.db, posting.id, [window.on], ctx.today);
  if (closed && !reason) return reject("closed_month", closedMonth(closed));
  // As plausible as the reports it stands for: at most the daily bound for each day it covers.
  const limit = dailyLimitOf(ctx, c.metric.key) * (daysBetween(window.from, window.to) + 1);
  if (!o.skipLimits && overBound(0, c.value, limit)) {
    await holdForConfirmation(ctx, { inboundId: o.inboundId, kind: "correction" });
    return answer("pending_confirmation", say("implausible.correction", { items: formatAmount(c.metric.key, c.value), limits: limitText(c.metric.key, limit) }));
  }
  const { previous } = await recordCorrection(ctx.deps.db, {
    postingId: posting.id, personId: ctx.sender.id, metric: c.metric.key, value: c.value, window, rawText: o.text, inboundMessageId: o.inboundId,
    reason, isLateCorrection: closed !== undefined,
  });
  const unit = c.metric.money ? c.metric.unit : ` ${c.metric.unit}`;
  const vars = { metric: c.metric.short, value: formatQuantity(c.value), previous: formatQuantity(previous), unit };
  if (round(c.value - previous) === 0) return answer("command", say("correct.same", vars));
  const done = c.scope === "day" ? say("correct.done", { ...vars, date: formatDay(c.date) }) : say("correct.month_done", { ...vars, month: formatMonth(c.month) });
  return answer("recorded", done);
}

const CORRECTION = /^(?:更正|修改|改正)\s*([\s\S]*)$/;

/** Parses and applies one correction; shared by 更正 and by 确认 of a correction held back. */
export async function correction(ctx: KnownContext, o: CorrectionOptions): Promise<CommandResult> {
  const { body, reason } = splitReason(CORRECTION.exec(o.text)?.[1] ?? "");
  const parsed = parseCorrection(body, ctx.today);
  if (!parsed) return reject("bad_correction", say("correct.usage"));
  const posting = await currentPostingOf(ctx);
  if (!posting) return reject("no_posting", say("no_posting"));
  return applyCorrection(ctx, parsed, reason, posting, o);
}

export const correct: Command = {
  name: "correct",
  match: (text) => CORRECTION.exec(text),
  handle: (ctx) => correction(ctx as KnownContext, { text: ctx.text, inboundId: ctx.inboundId }),
};
