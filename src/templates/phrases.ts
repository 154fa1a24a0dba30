// The phrases replies are made of (a count with its unit, a day, a month, a list), from the templates in
// templates/replies.json: code passes figures, the words and punctuation stay in templates/.
import { getMetric, METRICS, type MetricKey } from "../domain/metrics.js";
import { round } from "../domain/quantity.js";
import { dayjs } from "../infra/time.js";
import { reply, replyOf, type Reply } from "./render.js";
import type { TargetProgress } from "../services/workload/measure-standing.js";
import type { Totals } from "../domain/quantity.js";

const replies = replyOf("replies");

/** At most four places, and no trailing zeros: what the forms print for 万元 sums. */
export const formatQuantity = (value: number): string => String(round(value));

/** 讲座 2 次, or 援助 2.5万元 (money carries its unit without a space). */
export function formatAmount(metric: MetricKey, quantity: number): string {
  const m = getMetric(metric);
  return reply("amount", { metric: m.short, quantity: formatQuantity(quantity), unit: m.money ? m.unit : ` ${m.unit}` });
}

/** 2 次: a count with its unit, for a card's line under the metric's name. */
export const formatCount = (metric: MetricKey, quantity: number): string => reply("count", { quantity: formatQuantity(quantity), unit: getMetric(metric).unit });

export function formatItem(item: { metric: MetricKey; quantity: number; label?: string | null }): string {
  const amount = formatAmount(item.metric, item.quantity);
  return item.label ? reply("item.named", { amount, label: item.label }) : amount;
}

export const formatItems = (items: { metric: MetricKey; quantity: number; label?: string | null }[]): string =>
  items.map(formatItem).join(reply("list.sep"));

/** "讲座 2，查房 9" in the form's row order. */
export function formatTotals(totals: Totals): string {
  return METRICS.filter((m) => (totals.get(m.key) ?? 0) > 0)
    .map((m) => reply("total", { metric: m.short, quantity: formatQuantity(totals.get(m.key)!) }))
    .join(reply("totals.sep"));
}

export function formatProgress(progress: TargetProgress[]): string[] {
  if (progress.length === 0) return [];
  const parts = progress.map((p) => reply("progress.item", {
    metric: getMetric(p.metric).short, done: formatQuantity(p.done), minimum: formatQuantity(p.minimum),
    // The programme's target needs no name; a doctor's own or the agreement's says so.
    period: reply(`period.${p.period}`) + (p.level === "posting" || p.level === "pairing" ? reply(`target_level.${p.level}`) : ""),
  }));
  const gaps = progress.filter((p) => p.done < p.minimum).map((p) => formatAmount(p.metric, p.minimum - p.done));
  const tail = gaps.length > 0 ? reply("targets.gap", { gaps: gaps.join(reply("list.sep")) }) : reply("targets.met");
  return [reply("targets.progress", { progress: parts.join(reply("totals.sep")) }) + tail];
}

/** 2021-05-06 → 5月6日 */
export const formatDay = (day: string): string => reply("date.day", { month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) });

/** 2021-05 → 2021年5月 */
export const formatMonth = (month: string): string => reply("date.month", { year: month.slice(0, 4), month: Number(month.slice(5, 7)) });

/** 2021-05 → 5月 */
export const formatMonthShort = (month: string): string => reply("date.month_short", { month: Number(month.slice(5, 7)) });

/** An instant in the programme's time zone: 5月6日 09:30 */
export function formatTime(at: Date, tz: string): string {
  const local = dayjs(at).tz(tz);
  return reply("date.time", { day: formatDay(local.format("YYYY-MM-DD")), time: local.format("HH:mm") });
}

/** 张三、李四 等 12 人: a list of names, cut at `max`. */
export function formatNames(names: string[], max: number): string {
  const shown = names.slice(0, max).join(reply("list.sep"));
  return names.length > max ? reply("names.more", { names: shown, count: names.length }) : shown;
}

/** The answer to a change of a closed month that carries no reason. */
export const closedMonth = (month: string): Reply => replies("closed_month", { month: formatMonth(month), monthShort: formatMonthShort(month) });

/** 5月3日、5月4日: parts of a list as one phrase. */
export const joinList = (parts: string[]): string => parts.join(reply("list.sep"));

/** 讲座 2，查房 9: totals (or any figures) as one phrase. */
export const joinTotals = (parts: string[]): string => parts.join(reply("totals.sep"));

/** What a person sent, quoted back: at most QUOTE_CHARS characters, so a reply never echoes a long text. */
export const QUOTE_CHARS = 20;
export function quote(text: string, max = QUOTE_CHARS): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join("") + "…";
}
