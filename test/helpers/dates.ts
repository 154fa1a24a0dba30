// Dates as the server sees them (Asia/Shanghai), for tests that report through chat. A report for a day
// in a closed month is refused (src/domain/month-close.ts), so "20 days ago" works only in part of a month:
// the console test that used it failed every 4th to 20th. These give days that are open on any date.
import { MONTH_DEADLINE_DAY } from "../../src/domain/month-close.js";

const ZONE_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has no daylight saving

/** The day `offset` days from today in Asia/Shanghai, as YYYY-MM-DD. */
export function localDay(offset = 0, now = Date.now()): string {
  return new Date(now + ZONE_OFFSET_MS + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Up to `count` distinct days a doctor can still report for today, oldest first, today last. */
export function reportableDays(count: number, now = Date.now()): string[] {
  const today = localDay(0, now);
  const firstOpenMonth = Number(today.slice(8, 10)) <= MONTH_DEADLINE_DAY ? localDay(-Number(today.slice(8, 10)), now).slice(0, 7) : today.slice(0, 7);
  const open: string[] = [];
  for (let back = 0; localDay(-back, now).slice(0, 7) >= firstOpenMonth; back++) open.unshift(localDay(-back, now));
  if (open.length <= count) return open;
  const step = (open.length - 1) / (count - 1);
  return [...new Set(Array.from({ length: count }, (_, i) => open[Math.round(i * step)]))];
}
