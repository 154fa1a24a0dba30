// The three cards of SPEC §7 built from the records: arrival (to a clinic contact), month-end (to a
// doctor) and quick report (to a doctor, on 填报). Words come from templates/cards.json.
import { getMetric, METRICS, type MetricKey } from "../domain/metrics.js";
import type { Db } from "../infra/db.js";
import { dayjs, fromDbDate, monthRange, type LocalDate } from "../infra/time.js";
import type { ArrivalPosting } from "../services/arrival.js";
import { sumWorkload } from "../services/workload.js";
import { createRenderer } from "../templates.js";
import { formatDay, formatMonth, formatQuantity, formatTotals } from "../bot/format.js";
import { newTaskId, type Card } from "./card.js";

export const say = createRenderer("cards");

export function arrivalCard(p: ArrivalPosting): Card {
  const vars = { doctor: p.doctorName, supporting: p.supportingOrgName, recipient: p.recipientOrgName };
  return {
    type: "buttons",
    taskId: newTaskId("arrival", p.id),
    title: say("arrival.title", vars),
    desc: say("arrival.desc", vars),
    lines: [
      { key: say("arrival.doctor"), value: p.doctorName },
      ...(p.startDate ? [{ key: say("arrival.start"), value: formatDay(fromDbDate(p.startDate)) }] : []),
    ],
    buttons: [
      { key: "arrived", text: say("arrival.button.arrived"), style: "primary" },
      { key: "not_arrived", text: say("arrival.button.not_arrived"), style: "danger" },
    ],
    fallback: say("arrival.fallback", vars),
  };
}

export async function monthEndCard(db: Db, o: { postingId: number; personId: number; recipientOrgName: string; month: string }): Promise<Card> {
  const { from, to } = monthRange(o.month);
  const totals = await sumWorkload(db, { personId: o.personId, from, to });
  const lines = METRICS.filter((m) => (totals.get(m.key) ?? 0) > 0)
    .map((m) => ({ key: m.short, value: `${formatQuantity(totals.get(m.key)!)} ${m.unit}` }));
  const month = formatMonth(o.month);
  return {
    type: "buttons",
    taskId: newTaskId("month_end", o.postingId, o.month),
    title: say("month.title", { month }),
    desc: say("month.desc", { recipient: o.recipientOrgName }),
    lines: lines.length > 0 ? lines : [{ key: month, value: say("month.empty") }],
    buttons: [
      { key: "submit", text: say("month.button.submit"), style: "primary" },
      { key: "revise", text: say("month.button.revise"), style: "default" },
    ],
    fallback: say("month.fallback", { month, totals: formatTotals(totals) || say("month.empty") }),
  };
}

const DEFAULT_QUICK_METRICS: MetricKey[] = ["rounds", "lectures", "patients"];
/** Counts people type in tens (patients, trainees) are offered in bands; the rest one by one. */
const BANDS = [0, 5, 10, 20, 30, 50, 80, 100];
const MAX_SELECTS = 3; // WeCom's multiple_interaction takes 1..3 select lists

/** The metrics this doctor reports most, then the defaults: counts only (no names, no money). */
export async function quickMetrics(db: Db, personId: number): Promise<MetricKey[]> {
  const rows = await db.workloadEntry.groupBy({
    by: ["metric"], where: { personId, revokedAt: null }, _count: { _all: true }, orderBy: { _count: { metric: "desc" } }, take: 10,
  });
  const fits = (key: MetricKey) => { const m = getMetric(key); return !m.named && !m.money && !m.freeText; };
  const ranked = rows.map((r) => r.metric).filter(fits);
  return [...new Set([...ranked, ...DEFAULT_QUICK_METRICS])].slice(0, MAX_SELECTS);
}

function quantitiesFor(key: MetricKey): number[] {
  const limit = getMetric(key).dailyLimit;
  if (limit >= 100) return BANDS;
  return Array.from({ length: Math.min(limit, 5) + 1 }, (_, i) => i);
}

export async function quickReportCard(db: Db, o: { personId: number; recipientOrgName: string; today: LocalDate }): Promise<Card> {
  const metrics = await quickMetrics(db, o.personId);
  return {
    type: "form",
    taskId: newTaskId("quick_report", o.personId, o.today),
    title: say("quick.title"),
    desc: say("quick.desc", { date: dayjs.utc(o.today).format("M月D日"), recipient: o.recipientOrgName }),
    lines: [],
    selects: metrics.map((key) => ({
      questionKey: key,
      title: getMetric(key).short,
      selectedId: "0",
      options: quantitiesFor(key).map((q) => ({ id: String(q), text: say("quick.option", { quantity: q, unit: getMetric(key).unit }) })),
    })),
    submit: { key: "submit", text: say("quick.submit") },
    fallback: say("quick.fallback"),
  };
}

const remind = createRenderer("reminders");

/** Reminder cards carry 稍后提醒: the tap holds the reminder and sends it again later. */
export function withSnooze(card: Card): Card {
  if (card.type !== "buttons") return card;
  return { ...card, buttons: [...card.buttons, { key: "snooze", text: remind("button.snooze"), style: "default" }] };
}

/** The daily nudge to a doctor who has not reported: 填报 sends the quick report card. */
export function nudgeCard(o: { personId: number; name: string; days: number; lastReport: LocalDate | null }): Card {
  const vars = { name: o.name, days: o.days };
  return withSnooze({
    type: "buttons",
    taskId: newTaskId("reminder", o.personId),
    title: remind("nudge.title"),
    desc: remind("nudge.desc", vars),
    lines: [{ key: remind("nudge.last"), value: o.lastReport ? formatDay(o.lastReport) : remind("nudge.never") }],
    buttons: [{ key: "quick", text: remind("button.quick"), style: "primary" }],
    fallback: remind("nudge.fallback", vars),
  });
}

/** The weekly digest as a card: each "本周合计：…" line as a key and value, 已阅 to acknowledge it. */
export function digestCard(d: { header: string; lines: string[] }, leaderId: number, monday: LocalDate): Card {
  return {
    type: "buttons",
    taskId: newTaskId("digest", leaderId, monday),
    title: remind("digest.card.title"),
    desc: d.header,
    lines: d.lines.map((line) => {
      const at = line.indexOf("：");
      return at > 0 ? { key: line.slice(0, at), value: line.slice(at + 1) } : { key: "", value: line };
    }),
    buttons: [{ key: "read", text: remind("digest.button.read"), style: "primary" }],
    fallback: [d.header, ...d.lines].join("\n"),
  };
}
