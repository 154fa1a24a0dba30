// A posting's targets judged period by period (domain/target-completion.ts) over its own entries: one
// read of the ledger's day totals over the posting, summed per period here.
import type { Db } from "../../infra/db.js";
import type { LocalDate } from "../../infra/time.js";
import { judgeCompletion, type Completion } from "../../domain/target-completion.js";
import { sumPerDay, totalIn } from "../workload/sum-per-day.js";
import { listTargets, type TargetRule } from "./list-targets.js";

export type TargetCompletion = TargetRule & Completion;

export async function measureCompletion(db: Db, p: { id: number; programmeId: number; start: LocalDate | null; end: LocalDate | null }, until: LocalDate): Promise<TargetCompletion[]> {
  if (!p.start) return [];
  const end = p.end ?? until;
  const targets = await listTargets(db, p.programmeId, p.id);
  if (targets.length === 0) return [];
  const days = await sumPerDay(db, { postingIds: [p.id], from: p.start, to: end });
  return targets.map((t) => ({
    ...t,
    ...judgeCompletion(t.period, t.minimum, p.start!, end, until, (w) => totalIn(days, t.metric, w)),
  }));
}
