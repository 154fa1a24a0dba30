// The cards of SPEC §7 as pure data, built from values the caller read: arrival (to a clinic contact),
// month-end and quick report (to a doctor), the nudge and the digest. Words come from templates/.
import { partyOf, type AssessmentForm, type SignStep } from "../domain/assessment.js";
import { getMetric, METRICS, type MetricKey } from "../domain/metrics.js";
import type { Totals } from "../domain/quantity.js";
import { fromDbDate, type LocalDate } from "../infra/time.js";
import type { ArrivalPosting } from "../services/postings/find-arrival-posting.js";
import { createRenderer } from "../templates/render.js";
import { formatCount, formatDay, formatMonth, formatTotals } from "../templates/phrases.js";
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

/** `totals`: the doctor's totals for the month. */
export function monthEndCard(o: { postingId: number; recipientOrgName: string; month: string; totals: Totals }): Card {
  const { totals } = o;
  const lines = METRICS.filter((m) => (totals.get(m.key) ?? 0) > 0)
    .map((m) => ({ key: m.short, value: formatCount(m.key, totals.get(m.key)!) }));
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

/** Counts people type in tens (patients, trainees) are offered in bands; the rest one by one. */
const BANDS = [0, 5, 10, 20, 30, 50, 80, 100];

function quantitiesFor(key: MetricKey): number[] {
  const limit = getMetric(key).dailyLimit;
  if (limit >= 100) return BANDS;
  return Array.from({ length: Math.min(limit, 5) + 1 }, (_, i) => i);
}

/** `metrics`: the doctor's usual ones (services/rank-quick-metrics). */
export function quickReportCard(o: { personId: number; recipientOrgName: string; today: LocalDate; metrics: MetricKey[] }): Card {
  return {
    type: "form",
    taskId: newTaskId("quick_report", o.personId, o.today),
    title: say("quick.title"),
    desc: say("quick.desc", { date: formatDay(o.today), recipient: o.recipientOrgName }),
    lines: [],
    selects: o.metrics.map((key) => ({
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

/** A digest: its header and its lines as label and value (本周合计 → 讲座 2，查房 9). */
export type Digest = { header: string; lines: { key: string; value: string }[] };

/** The digest's lines as plain text, one "label：value" line each. */
export const digestText = (d: Digest): string => [d.header, ...d.lines.map((l) => remind("digest.line", l))].join("\n");

/** The weekly digest as a card: each line as a key and value, 已阅 to acknowledge it. */
export function digestCard(d: Digest, leaderId: number, monday: LocalDate): Card {
  return {
    type: "buttons",
    taskId: newTaskId("digest", leaderId, monday),
    title: remind("digest.card.title"),
    desc: d.header,
    lines: d.lines,
    buttons: [{ key: "read", text: remind("digest.button.read"), style: "primary" }],
    fallback: digestText(d),
  };
}

/** The assessment to sign at one box: the doctor's summary, and an opinion of the form's own scale to tap. */
export function assessmentCard(o: { postingId: number; doctor: string; clinic: string; form: AssessmentForm; step: SignStep; summary: string }): Card {
  const vars = { doctor: o.doctor, clinic: o.clinic, form: o.form.name, step: partyOf(o.form, o.step) };
  return {
    type: "buttons",
    taskId: newTaskId("assessment", o.postingId),
    title: say("assessment.title", vars),
    desc: say("assessment.desc", vars),
    lines: [{ key: say("assessment.summary"), value: o.summary.length > 120 ? `${o.summary.slice(0, 120)}…` : o.summary }],
    buttons: o.form.opinions.map((key, i) => ({ key, text: say(`assessment.opinion.${key}`), style: i === 0 ? "primary" : key === "fail" ? "danger" : "default" })),
    fallback: say("assessment.fallback", { ...vars, summary: o.summary }),
  };
}

/** A doctor's leave, to approve by tapping. */
export function leaveCard(o: { leaveId: number; doctor: string; clinic: string; from: string; to: string; reason: string | null }): Card {
  const vars = { doctor: o.doctor, clinic: o.clinic, from: formatDay(o.from), to: formatDay(o.to), reason: o.reason ?? say("leave.no_reason") };
  return {
    type: "buttons",
    taskId: newTaskId("leave", o.leaveId),
    title: say("leave.title", vars),
    desc: say("leave.desc", vars),
    lines: [{ key: say("leave.reason"), value: vars.reason }],
    buttons: [{ key: "approve", text: say("leave.button.approve"), style: "primary" }],
    fallback: say("leave.fallback", vars),
  };
}
