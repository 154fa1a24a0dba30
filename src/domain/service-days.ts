// Days of grassroots service (累计服务): the union of the spans served, so two postings at once (科左中旗
// lists a doctor under two clinics) or a posting beside 援疆 count each day once. Both ends counted.
import { addDays, daysBetween, type LocalDate } from "../infra/time.js";

export type Span = { from: LocalDate; to: LocalDate };

export function serviceDays(spans: Span[]): number {
  let total = 0;
  let current: Span | undefined;
  for (const s of [...spans].filter((x) => x.from <= x.to).sort((a, b) => a.from.localeCompare(b.from))) {
    if (current && s.from <= addDays(current.to, 1)) {
      if (s.to > current.to) current.to = s.to;
      continue;
    }
    if (current) total += daysBetween(current.from, current.to) + 1;
    current = { ...s };
  }
  return current ? total + daysBetween(current.from, current.to) + 1 : total;
}
