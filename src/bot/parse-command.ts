// Pure parsers for the commands that carry arguments: 更正, 请假, 暂停提醒, and the 原因 suffix.
import { type Metric } from "../domain/metrics.js";
import { toLocalDate, type LocalDate } from "../infra/time.js";
import { matchDate } from "./dates.js";
import { normalize } from "./normalize.js";
import { NUMBER_PATTERN, parseNumber } from "./numerals.js";
import { matchAlias } from "./parse-report.js";

/** Splits off "原因：漏报" (also 理由/备注), which a change to a closed month must carry. */
export function splitReason(text: string): { body: string; reason?: string } {
  const m = /^(.*?)[\s,，;；]*(?:原因|理由|备注)\s*[:：]?\s*(.+)$/s.exec(text);
  if (!m || !m[2].trim()) return { body: text.trim() };
  return { body: m[1].trim(), reason: m[2].trim() };
}

export type Correction =
  | { scope: "day"; date: LocalDate; metric: Metric; value: number }
  | { scope: "month"; month: string; metric: Metric; value: number };

const MONTH_RE = /^(?:(\d{4})[年\-/])?(\d{1,2})月(?![\d])\s*/;
const VALUE_RE = new RegExp(`^\\s*(?:=|为|改为|改成)\\s*(${NUMBER_PATTERN})\\s*(?:人次|例|次|个|项|人|万元)?\\s*$`);

function monthOf(m: RegExpExecArray, today: LocalDate): string {
  const year = m[1] ? Number(m[1]) : Number(today.slice(0, 4));
  const month = Number(m[2]);
  const candidate = toLocalDate(year, month, 1).slice(0, 7);
  // 更正 12月 in January means last December.
  return !m[1] && candidate > today.slice(0, 7) ? toLocalDate(year - 1, month, 1).slice(0, 7) : candidate;
}

/** `查房=2` (today), `昨天 查房=2`, `5月 查房=20` (a month's total). The value may be 0. */
export function parseCorrection(args: string, today: LocalDate): Correction | undefined {
  const text = normalize(args).text.trim();
  const month = MONTH_RE.exec(text);
  let rest = text;
  let date: LocalDate = today;
  if (month && !/^\d{1,2}月\d/.test(text)) rest = text.slice(month[0].length);
  else {
    const day = matchDate(text, 0, today);
    if (day && "invalid" in day) return undefined;
    if (day) [date, rest] = [day.date, text.slice(day.end).trim()];
  }
  const alias = matchAlias(rest, 0);
  if (!alias) return undefined;
  const value = VALUE_RE.exec(rest.slice(alias.end));
  const parsed = value ? parseNumber(value[1]) : undefined;
  if (parsed === undefined || (!alias.metric.money && !Number.isInteger(parsed))) return undefined;
  if (month && rest !== text) return { scope: "month", month: monthOf(month, today), metric: alias.metric, value: parsed };
  return { scope: "day", date, metric: alias.metric, value: parsed };
}

/** `5月3日-5月5日` or `5月3日至5月5日` (both ends spelled out), or one day. Future days are fine here. */
export function parseDateRange(args: string, today: LocalDate): { from: LocalDate; to: LocalDate; rest: string } | undefined {
  const text = normalize(args).text.trim();
  const first = matchDate(text, 0, today, "nearest");
  if (!first || "invalid" in first) return undefined;
  const sep = /^\s*(?:-|~|至|到|—|–)\s*/.exec(text.slice(first.end));
  if (!sep) return { from: first.date, to: first.date, rest: text.slice(first.end).trim() };
  const secondAt = first.end + sep[0].length;
  const second = matchDate(text, secondAt, first.date, "nearest");
  if (!second || "invalid" in second || second.date < first.date) return undefined;
  return { from: first.date, to: second.date, rest: text.slice(second.end).trim() };
}

/** "6月20日 rest" (会议, 督导) → the date (not in the future) and the rest. */
export function leadingDate(args: string, today: LocalDate): { date: LocalDate; rest: string } | undefined {
  const text = args.trim();
  const m = matchDate(text, 0, today, "past");
  if (!m || "invalid" in m || m.date > today) return undefined;
  return { date: m.date, rest: text.slice(m.end).trim() };
}
