// Day words in a report: 今天, 昨天, 前天, 明天, 上周五, 周三, 5月3日, 5/3, 2023-05-03, 2023年5月3日.
// Pure: `today` is passed in. A day in the past without a year is the most recent such day.
import { addDays, isoWeekday, isValidDate, toLocalDate, type LocalDate } from "../infra/time.js";

export type DateMatch = { date: LocalDate; end: number } | { invalid: true; end: number };

// 明天 and 后天 are read too, so a report for them is answered "in the future", not "not understood".
const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2, 大前天: -3, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

const RELATIVE_RE = /(大前天|前天|昨天|昨日|今天|今日|大后天|后天|明天|明日)/y;
const WEEK_RE = /(上上|上|本|这)?(?:周|星期|礼拜)([一二三四五六日天])/y;
const FULL_RE = /(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})(?:日|号)?/y;
const MONTH_DAY_RE = /(\d{1,2})(?:月|\/)(\d{1,2})(?:日|号)?(?![\d.])/y;

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function weekdayOf(prefix: string | undefined, weekday: number, today: LocalDate): LocalDate {
  const monday = addDays(today, 1 - isoWeekday(today));
  const weeksBack = prefix === "上上" ? 2 : prefix === "上" ? 1 : 0;
  return addDays(monday, weekday - 1 - 7 * weeksBack);
}

const SOON_DAYS = 31;
const HALF_YEAR_DAYS = 183;
const daysApart = (from: LocalDate, to: LocalDate) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** Reports look back (the most recent such day); leave and pauses look either way (the nearest). */
export type DatePreference = "past" | "nearest";

function monthDay(month: number, day: number, today: LocalDate, prefer: DatePreference): LocalDate | undefined {
  const year = Number(today.slice(0, 4));
  const candidates = [year - 1, year, year + 1].filter((y) => isValidDate(y, month, day)).map((y) => toLocalDate(y, month, day));
  if (prefer === "past") {
    // The most recent such day; but a day a few weeks ahead is a day in the future, not last year's.
    const past = candidates.filter((c) => c <= today).pop();
    const soon = candidates.find((c) => c > today && daysApart(today, c) <= SOON_DAYS);
    return (past && daysApart(past, today) <= HALF_YEAR_DAYS ? past : soon ?? past) ?? candidates.find((c) => c.startsWith(String(year)));
  }
  const distance = (c: LocalDate) => Math.abs(Date.parse(c) - Date.parse(today));
  return candidates.sort((a, b) => distance(a) - distance(b))[0];
}

export function matchDate(text: string, pos: number, today: LocalDate, prefer: DatePreference = "past"): DateMatch | undefined {
  let m = at(RELATIVE_RE, text, pos);
  if (m) return { date: addDays(today, RELATIVE[m[1]]), end: pos + m[0].length };
  m = at(WEEK_RE, text, pos);
  if (m) return { date: weekdayOf(m[1], WEEKDAYS[m[2]], today), end: pos + m[0].length };
  m = at(FULL_RE, text, pos);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const end = pos + m[0].length;
    return isValidDate(y, mo, d) ? { date: toLocalDate(y, mo, d), end } : { invalid: true, end };
  }
  m = at(MONTH_DAY_RE, text, pos);
  if (m) {
    const date = monthDay(Number(m[1]), Number(m[2]), today, prefer);
    const end = pos + m[0].length;
    return date ? { date, end } : { invalid: true, end };
  }
  return undefined;
}
