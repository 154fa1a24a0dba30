// Working days (Chinese statutory holidays and 调休 working weekends) and quiet hours, in local time.
// The calendar is the chinese-days package's data (maintained, updated when the State Council
// announces a year) plus templates/holidays.json for a year announced before the package catches up.
import { createRequire } from "node:module";
import { z } from "zod";
import { loadTemplate } from "../templates/load.js";
import { addDays, dayjs, isoWeekday, type LocalDate } from "../infra/time.js";

const require = createRequire(import.meta.url);
const packaged = require("chinese-days/dist/chinese-days.json") as { holidays: Record<string, string>; workdays: Record<string, string> };
const Local = z.object({ holidays: z.array(z.iso.date()), workdays: z.array(z.iso.date()) });
const local = loadTemplate("holidays", Local);

const HOLIDAYS = new Set([...Object.keys(packaged.holidays), ...local.holidays]);
const WORKDAYS = new Set([...Object.keys(packaged.workdays), ...local.workdays]);
const YEARS = new Set([...HOLIDAYS, ...WORKDAYS].map((d) => d.slice(0, 4)));

/** Whether the calendar knows this year's holidays; without them only weekends are days off. */
export function calendarCovers(year: number): boolean {
  return YEARS.has(String(year));
}

export function isWorkingDay(day: LocalDate): boolean {
  if (WORKDAYS.has(day)) return true;
  if (HOLIDAYS.has(day)) return false;
  return isoWeekday(day) <= 5;
}

const DAY_MS = 86_400_000;
const epochDay = (day: LocalDate) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** Working days counted from 2000-01-01, built once: the sweeps ask for 10,000 spans at a time. */
const FIRST = epochDay("2000-01-01");
const LAST = epochDay("2099-12-31");
let cumulative: Int32Array | undefined;

function workingDaysUpTo(day: LocalDate): number {
  if (!cumulative) {
    cumulative = new Int32Array(LAST - FIRST + 1);
    let n = 0;
    for (let i = 0; i < cumulative.length; i++) cumulative[i] = n += isWorkingDay(new Date((FIRST + i) * DAY_MS).toISOString().slice(0, 10)) ? 1 : 0;
  }
  return cumulative[Math.min(Math.max(epochDay(day) - FIRST, 0), cumulative.length - 1)];
}

/** The working days after `from` up to and including `to`. */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  if (to <= from) return 0;
  return workingDaysUpTo(to) - workingDaysUpTo(from);
}

/** The day `n` working days before `day` (n ≥ 1). */
export function workingDaysBefore(day: LocalDate, n: number): LocalDate {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

export type QuietHours = { start: number; end: number }; // minutes after midnight: 21:00 → 1260

export function parseQuietHours(text: string): QuietHours {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`quiet hours must look like 21:00-08:00, not ${text}`);
  return { start: Number(m[1]) * 60 + Number(m[2]), end: Number(m[3]) * 60 + Number(m[4]) };
}

function minuteOfDay(at: Date, tz: string): number {
  const t = dayjs(at).tz(tz);
  return t.hour() * 60 + t.minute();
}

export function isQuiet(at: Date, tz: string, quiet: QuietHours): boolean {
  const m = minuteOfDay(at, tz);
  return quiet.start > quiet.end ? m >= quiet.start || m < quiet.end : m >= quiet.start && m < quiet.end;
}

/**
 * The first moment at or after `at` when a reminder may go out: not in quiet hours and on a working
 * day. A reminder held overnight or over a holiday goes out when the next working day's quiet ends.
 */
export function nextSendable(at: Date, tz: string, quiet: QuietHours): Date {
  const local = dayjs(at).tz(tz);
  const day = local.format("YYYY-MM-DD");
  if (isWorkingDay(day) && !isQuiet(at, tz, quiet)) return at;
  // Today before the quiet ends, if today works; otherwise the next working day.
  const endToday = dayjs.tz(`${day} 00:00`, tz).add(quiet.end, "minute");
  if (isWorkingDay(day) && at < endToday.toDate() && quiet.start > quiet.end) return endToday.toDate();
  let next = addDays(day, 1);
  while (!isWorkingDay(next)) next = addDays(next, 1);
  return dayjs.tz(`${next} 00:00`, tz).add(quiet.end, "minute").toDate();
}

/** The day `n` working days after the first working day on or after `day`. */
export function addWorkingDays(day: LocalDate, n: number): LocalDate {
  let d = day;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
