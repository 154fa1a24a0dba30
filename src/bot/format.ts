// Turns ledger figures into the Chinese phrases of templates/replies.json.
import { getMetric, METRICS, type MetricKey } from "../domain/metrics.js";
import { reply } from "../templates.js";
import type { TargetProgress } from "../services/targets.js";
import type { Totals } from "../services/workload.js";

export function formatQuantity(value: number): string {
  return String(Math.round(value * 10000) / 10000);
}

export function formatItem(item: { metric: MetricKey; quantity: number; label?: string | null }): string {
  const m = getMetric(item.metric);
  const vars = { metric: m.short, quantity: formatQuantity(item.quantity), unit: m.money ? m.unit : ` ${m.unit}`, label: item.label ?? "" };
  // "讲座 1 次" reads naturally; money reads "援助 2.5万元".
  return reply(item.label ? "item.named" : "item", { ...vars, quantity: vars.quantity }).replace(/ {2,}/g, " ");
}

export function formatItems(items: { metric: MetricKey; quantity: number; label?: string | null }[]): string {
  return items.map(formatItem).join(reply("list.sep"));
}

/** "讲座 2，查房 9" in the form's row order. */
export function formatTotals(totals: Totals): string {
  return METRICS.filter((m) => (totals.get(m.key) ?? 0) > 0)
    .map((m) => `${m.short} ${formatQuantity(totals.get(m.key)!)}`)
    .join(reply("totals.sep"));
}

export function formatProgress(progress: TargetProgress[]): string[] {
  if (progress.length === 0) return [];
  const parts = progress.map((p) => `${getMetric(p.metric).short} ${formatQuantity(p.done)}/${formatQuantity(p.minimum)}（${reply(`period.${p.period}`)}）`);
  const gaps = progress
    .filter((p) => p.done < p.minimum)
    .map((p) => `${getMetric(p.metric).short} ${formatQuantity(p.minimum - p.done)} ${getMetric(p.metric).unit}`);
  const tail = gaps.length > 0 ? reply("targets.gap", { gaps: gaps.join(reply("list.sep")) }) : reply("targets.met");
  return [reply("targets.progress", { progress: parts.join(reply("totals.sep")) }) + tail];
}

export function formatDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

export function formatMonth(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** The answer to a change of a closed month that carries no reason. */
export function closedMonthText(month: string): string {
  return reply("closed_month", { month: formatMonth(month), monthShort: `${Number(month.slice(5))}月` });
}
