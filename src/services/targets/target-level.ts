// Which targets a posting answers to, and at which level (目标管理): its own (每名支援队员…量化的任务项),
// its pairing's (the agreement's 考核指标), then the programme's, for every posting or for its mode (巡诊's
// own minimums). A clinic's goals (特色专科, 适宜技术, 技术空白) are the clinic's, counted over its postings,
// never a doctor's. The same order is find_sender's in SQL (migration 20261202160000_target_levels);
// test/services/target-levels.test.ts holds the two equal.
import type { MetricKey, PostingMode, TargetPeriod } from "../../generated/prisma/client.js";

export type TargetLevel = "posting" | "pairing" | "clinic" | "programme";

/** What a target asks: at least `minimum` of a metric in each period, and the level it was set at. */
export type TargetRule = { metric: MetricKey; period: TargetPeriod; minimum: number; level?: TargetLevel };

export type TargetRow = {
  id: number; metric: MetricKey; period: TargetPeriod; minimum: number;
  postingId: number | null; pairingId: number | null; recipientOrgId: number | null; mode: PostingMode | null;
};

export const levelOf = (t: Pick<TargetRow, "postingId" | "pairingId" | "recipientOrgId">): TargetLevel =>
  t.postingId !== null ? "posting" : t.pairingId !== null ? "pairing" : t.recipientOrgId !== null ? "clinic" : "programme";

const RANK: Record<TargetLevel, number> = { posting: 0, pairing: 1, clinic: 3, programme: 2 };

/** The first of each metric and period: the most specific level first. */
export function pickTargets<T extends TargetRule>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((t) => {
    const key = `${t.metric}:${t.period}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The targets one posting answers to, most specific first, one per metric and period. */
export function targetsForPosting(all: TargetRow[], posting: { id: number; pairingId: number | null; mode: PostingMode }): TargetRule[] {
  const applies = (t: TargetRow) => {
    const level = levelOf(t);
    if (level === "posting") return t.postingId === posting.id;
    if (level === "pairing") return t.pairingId !== null && t.pairingId === posting.pairingId;
    if (level === "clinic") return false;
    return t.mode === null || t.mode === posting.mode;
  };
  const sorted = all.filter(applies).sort((a, b) => RANK[levelOf(a)] - RANK[levelOf(b)] || Number(a.mode === null) - Number(b.mode === null) || a.id - b.id);
  return pickTargets(sorted.map((t) => ({ metric: t.metric, period: t.period, minimum: t.minimum, level: levelOf(t) })));
}
