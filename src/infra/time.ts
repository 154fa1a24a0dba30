// dayjs with the plugins every caller needs, and the few date helpers the domain uses.
// Dates of the domain (a day a report is for, posting start) are plain 'YYYY-MM-DD' strings in local time.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import timezone from "dayjs/plugin/timezone.js";

dayjs.extend(utc);
dayjs.extend(timezone);

export { dayjs };
export type LocalDate = string;

// The helpers below run per posting in the sweeps (10,000 at a time): plain Date arithmetic and one
// cached Intl formatter per zone, not dayjs's timezone plugin (a profile of the nudge sweep spent most
// of its time there).
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localDate(now: Date, tz: string): LocalDate {
  let f = formatters.get(tz);
  if (!f) formatters.set(tz, (f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" })));
  return f.format(now);
}

export function addDays(day: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: LocalDate): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  const d = dayjs.utc(Date.UTC(year, month - 1, day));
  return d.year() === year && d.month() === month - 1 && d.date() === day;
}

export function toLocalDate(year: number, month: number, day: number): LocalDate {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A LocalDate as the Date Prisma stores in a @db.Date column. */
export function dbDate(day: LocalDate): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function fromDbDate(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

export function monthOf(day: LocalDate): string {
  return day.slice(0, 7);
}

export function monthRange(month: string): { from: LocalDate; to: LocalDate } {
  const start = dayjs.utc(`${month}-01`);
  return { from: start.format("YYYY-MM-DD"), to: start.endOf("month").format("YYYY-MM-DD") };
}

export type Period = { label: string; from: LocalDate; to: LocalDate };

/** The calendar quarter of a day: 2021Q2, 2021-04-01..2021-06-30. */
export function quarterOf(day: LocalDate): Period {
  const d = dayjs.utc(day);
  const q = Math.floor(d.month() / 3);
  const start = d.month(q * 3).date(1);
  return { label: `${d.year()}Q${q + 1}`, from: start.format("YYYY-MM-DD"), to: start.add(3, "month").subtract(1, "day").format("YYYY-MM-DD") };
}

/** The half-year of a day: 2021H1, 2021-01-01..2021-06-30. */
export function halfYearOf(day: LocalDate): Period {
  const d = dayjs.utc(day);
  const h = d.month() < 6 ? 1 : 2;
  return { label: `${d.year()}H${h}`, from: `${d.year()}-${h === 1 ? "01" : "07"}-01`, to: `${d.year()}-${h === 1 ? "06-30" : "12-31"}` };
}

export function yearOf(day: LocalDate): Period {
  const y = day.slice(0, 4);
  return { label: y, from: `${y}-01-01`, to: `${y}-12-31` };
}

/** The period a label names: 2021Q2, 2021H1 or 2021 (the labels above), or a span 2021-05-01~2021-10-31. */
export function periodOfLabel(label: string): Period {
  const span = /^(\d{4}-\d{2}-\d{2})~(\d{4}-\d{2}-\d{2})$/.exec(label);
  if (span) return { label, from: span[1], to: span[2] };
  const year = label.slice(0, 4);
  const q = /^\d{4}Q([1-4])$/.exec(label);
  if (q) return quarterOf(`${year}-${String(Number(q[1]) * 3).padStart(2, "0")}-01`);
  const h = /^\d{4}H([12])$/.exec(label);
  if (h) return halfYearOf(`${year}-${h[1] === "1" ? "01" : "07"}-01`);
  return yearOf(`${year}-01-01`);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayjs.utc(to).diff(dayjs.utc(from), "day");
}

/** The first moment of the next calendar month, in the time zone `tz`. */
export function startOfNextMonth(at: Date, tz: string): Date {
  return dayjs(at).tz(tz).startOf("month").add(1, "month").toDate();
}

export type Span = { from?: LocalDate; to?: LocalDate };

/**
 * [from, to] (either end open) as the whole months inside it (`months`: first days, inclusive) and the
 * days before and after them. No whole month: everything is `head`.
 */
export function splitByMonth(from?: LocalDate, to?: LocalDate): { months?: Span; head?: Span; tail?: Span } {
  const firstStart = from === undefined ? undefined : from.endsWith("-01") ? from : addDays(monthRange(from.slice(0, 7)).to, 1);
  const lastEnd = to === undefined ? undefined : monthRange(to.slice(0, 7)).to === to ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  if (firstStart !== undefined && lastEnd !== undefined && firstStart > lastEnd) return { head: { from, to } };
  return {
    months: { from: firstStart, to: lastEnd === undefined ? undefined : `${lastEnd.slice(0, 7)}-01` },
    head: from !== undefined && from < firstStart! ? { from, to: addDays(firstStart!, -1) } : undefined,
    tail: to !== undefined && to > lastEnd! ? { from: addDays(lastEnd!, 1), to } : undefined,
  };
}

/** The first moment of a local day in the time zone `tz` (an arrival heard of by phone has a day, not a time). */
export function startOfLocalDay(day: LocalDate, tz: string): Date {
  return dayjs.tz(day, tz).toDate();
}
