// Weekly minimums as weeks met out of weeks posted (中站: 每周出门诊不少于3个半天、组织查房不少于2次), for
// the digest: every posting answering to a weekly target, judged over the weeks ended by `until`. One
// grouped read of the ledger per programme, by posting and day, for the postings with weekly targets only.
import type { Db } from "../../infra/db.js";
import type { MetricKey, PostingMode } from "../../generated/prisma/client.js";
import { fromDbDate, type LocalDate } from "../../infra/time.js";
import { groupBy } from "../../infra/collections.js";
import { judgeCompletion } from "../../domain/target-completion.js";
import { totalIn } from "../workload/sum-per-day.js";
import { sumPerPostingDay } from "../workload/sum-per-posting-day.js";
import { listProgrammeTargets } from "./list-targets.js";
import { targetsForPosting } from "./target-level.js";

export type WeeksMet = { personName: string; postingId: number; metric: MetricKey; minimum: number; met: number; judged: number };
type Posting = { id: number; programmeId: number; pairingId: number | null; mode: PostingMode; startDate: Date | null; endDate: Date | null; person: { name: string } };

export async function measureWeeksMet(db: Db, postings: Posting[], until: LocalDate): Promise<WeeksMet[]> {
  const out: WeeksMet[] = [];
  for (const [programmeId, list] of groupBy(postings.filter((p) => p.startDate), (p) => p.programmeId)) {
    const all = (await listProgrammeTargets(db, programmeId)).filter((t) => t.period === "week");
    if (all.length === 0) continue;
    const weekly = list.map((p) => ({ p, targets: targetsForPosting(all, p).filter((t) => t.period === "week") })).filter((x) => x.targets.length > 0);
    if (weekly.length === 0) continue;
    const from = weekly.map((x) => fromDbDate(x.p.startDate!)).sort()[0];
    const days = await sumPerPostingDay(db, { postingIds: weekly.map((x) => x.p.id), from, to: until, metrics: [...new Set(all.map((t) => t.metric))] });
    for (const { p, targets } of weekly) {
      const own = days.get(p.id) ?? [];
      const start = fromDbDate(p.startDate!);
      const end = p.endDate && fromDbDate(p.endDate) < until ? fromDbDate(p.endDate) : until;
      for (const t of targets) {
        const c = judgeCompletion("week", t.minimum, start, end, until, (w) => totalIn(own, t.metric, w));
        if (c.judged > 0) out.push({ personName: p.person.name, postingId: p.id, metric: t.metric, minimum: t.minimum, met: c.met, judged: c.judged });
      }
    }
  }
  return out;
}
