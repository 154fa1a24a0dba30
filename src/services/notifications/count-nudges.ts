// The nudges each doctor had since a day (their silence's start), before today, not cancelled: one query
// for the whole sweep, however many doctors are silent.
import type { Db } from "../../infra/db.js";
import type { LocalDate } from "../../infra/time.js";
import { chunks, IDS_PER_QUERY } from "../../infra/collections.js";

export async function countNudges(db: Db, o: { since: Map<number, LocalDate>; today: LocalDate }): Promise<Map<number, number>> {
  if (o.since.size === 0) return new Map();
  const earliest = [...o.since.values()].sort()[0];
  const counts = new Map<number, number>();
  for (const ids of chunks([...o.since.keys()], IDS_PER_QUERY)) {
    const rows = await db.notification.findMany({
      where: { kind: "nudge", subject: { in: ids.map((id) => `person:${id}`) }, period: { gt: earliest, lt: o.today }, cancelledAt: null },
      select: { subject: true, period: true },
    });
    tally(rows, o.since, counts);
  }
  return counts;
}

function tally(rows: { subject: string; period: string }[], since: Map<number, LocalDate>, counts: Map<number, number>): void {
  for (const r of rows) {
    const personId = Number(r.subject.slice("person:".length));
    if (r.period > since.get(personId)!) counts.set(personId, (counts.get(personId) ?? 0) + 1);
  }
}
