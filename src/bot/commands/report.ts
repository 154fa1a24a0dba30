// The default command: a workload report. Recorded whole or not at all, and only once per message.
import { getMetric, type MetricKey } from "../../domain/metrics.js";
import { reply } from "../../templates.js";
import { setOutcome } from "../../services/inbound.js";
import { findClosedMonths } from "../../services/month-close.js";
import { findCurrentPosting, type CurrentPosting } from "../../services/postings.js";
import { dayKey, inPersonTransaction, recordEntries, sumByDay } from "../../services/workload.js";
import type { Db } from "../../infra/db.js";
import { answer, reject, type BotContext, type CommandResult } from "../context.js";
import { formatDay, formatItems, formatQuantity, closedMonthText } from "../format.js";
import { splitReason } from "../parse-command.js";
import { MAX_REPORT_LENGTH, parseReport, type ParsedReport, type ReportItem } from "../parse-report.js";
import { describeStanding } from "./standing.js";
import { helpText } from "./help.js";

export const PENDING_TTL_MS = 30 * 60_000;
export const pendingKey = (personId: number) => `confirm:${personId}`;
/** What 确认 will record: a report or a correction held back for an implausible count. */
export type Pending = { inboundId: number; kind?: "report" | "correction" };

export async function holdForConfirmation(ctx: BotContext, pending: Pending): Promise<void> {
  await ctx.deps.store.set(pendingKey(ctx.sender!.id), JSON.stringify(pending), PENDING_TTL_MS);
}

/** The daily bound of a metric: configuration (DAILY_LIMITS) over the metric's own. */
export const dailyLimitOf = (ctx: BotContext, metric: MetricKey) => ctx.deps.dailyLimits[metric] ?? getMetric(metric).dailyLimit;
export const limitText = (metric: MetricKey, limit: number) => `${getMetric(metric).short} ${formatQuantity(limit)} ${getMetric(metric).unit}`;

function exampleFor(parsed: ParsedReport): string {
  const first = parsed.unreadable[0];
  if (first.why === "future_date" || first.why === "outside_posting" || first.why === "bad_date") return reply("example.date");
  return reply("example.default");
}

function rejectUnreadable(parsed: ParsedReport, posting: CurrentPosting): CommandResult {
  const first = parsed.unreadable[0];
  const why = reply(`unreadable.${first.why}`, { start: posting.start ?? "", end: posting.end ?? "" });
  return reject(first.why, reply("unreadable", { fragment: first.fragment, why, example: exampleFor(parsed) }));
}

async function overDailyLimit(ctx: BotContext, db: Db, personId: number, items: ReportItem[]): Promise<string[]> {
  const perDay = new Map<string, { metric: MetricKey; date: string; quantity: number }>();
  for (const item of items) {
    const key = dayKey(item.metric, item.date);
    const sum = perDay.get(key) ?? { metric: item.metric, date: item.date, quantity: 0 };
    perDay.set(key, { ...sum, quantity: sum.quantity + item.quantity });
  }
  const already = await sumByDay(db, { personId, days: [...new Set(items.map((i) => i.date))], metrics: [...new Set(items.map((i) => i.metric))] });
  const over: string[] = [];
  for (const [key, { metric, quantity }] of perDay) {
    const limit = dailyLimitOf(ctx, metric);
    if ((already.get(key) ?? 0) + quantity > limit) over.push(limitText(metric, limit));
  }
  return over;
}

function datesNote(items: ReportItem[], today: string): string {
  const days = [...new Set(items.map((i) => i.date))];
  return days.length === 1 && days[0] === today ? "" : reply("on_date", { date: days.map(formatDay).join(reply("list.sep")) });
}

export type ReportOptions = { text: string; inboundId: number; skipLimits?: boolean; source?: "chat" | "card" };

/** Parses, checks and records one report; shared by chat messages, 确认 and quick report cards. */
export async function recordReport(ctx: BotContext, o: ReportOptions): Promise<CommandResult> {
  const person = ctx.sender!;
  const posting = await findCurrentPosting(ctx.deps.prisma, person.id, ctx.today);
  if (!posting) return reject("no_posting", reply(person.role === "doctor" ? "no_posting" : "not_a_doctor"));
  const { body, reason } = splitReason(o.text);
  const parsed = parseReport(body, { today: ctx.today, postingStart: posting.start, postingEnd: posting.end });
  if (parsed.tooLong) return reject("too_long", reply("too_long", { max: MAX_REPORT_LENGTH }));
  if (parsed.unreadable.length > 0) return rejectUnreadable(parsed, posting);
  if (parsed.items.length === 0) return reject("empty", helpText());
  const closed = await findClosedMonths(ctx.deps.prisma, posting.id, parsed.items.map((i) => i.date), ctx.today);
  if (closed.length > 0 && !reason) {
    const month = closed[0];
    return reject("closed_month", closedMonthText(month));
  }
  const late = closed.length > 0;
  // The bound is checked and the entries written under the person's lock: concurrent reports cannot
  // each see the day's total before the others were added.
  const over = await inPersonTransaction(ctx.deps.prisma, person.id, async (tx) => {
    const found = o.skipLimits ? [] : await overDailyLimit(ctx, tx, person.id, parsed.items);
    if (found.length > 0) return found;
    await recordEntries(tx, {
      postingId: posting.id, personId: person.id, items: parsed.items, source: o.source ?? "chat", rawText: o.text,
      inboundMessageId: o.inboundId, reason, isLateCorrection: late,
    });
    await setOutcome(tx, o.inboundId, "recorded", { personId: person.id });
    return [];
  });
  if (over.length > 0) {
    await holdForConfirmation(ctx, { inboundId: o.inboundId, kind: "report" });
    return answer("pending_confirmation", reply("implausible", { items: formatItems(parsed.items), limits: over.join(reply("list.sep")) }));
  }
  const receipt = late
    ? reply("recorded.late", { items: formatItems(parsed.items), date: datesNote(parsed.items, ctx.today), reason: reason ?? "" })
    : reply("recorded", { items: formatItems(parsed.items), date: datesNote(parsed.items, ctx.today) });
  const standing = await describeStanding(ctx, posting);
  return answer("recorded", [receipt, ...standing].join("\n"));
}

export async function handleReport(ctx: BotContext): Promise<CommandResult> {
  return recordReport(ctx, { text: ctx.text, inboundId: ctx.inboundId });
}
