// What the forms are filled from: the postings in scope with their people and organisations, and the
// workload ledger summed per posting and metric over a period in one grouped query (not per posting).
import type { MetricKey, Prisma } from "../generated/prisma/client.js";
import type { Db } from "../infra/db.js";
import { chunks } from "../infra/collections.js";
import { dbDate, fromDbDate, type LocalDate } from "../infra/time.js";
import { round } from "../domain/quantity.js";

// Long IN lists are split: PostgreSQL takes at most 65,535 bind parameters a statement.
const IDS_PER_QUERY = 5000;

export const FORM_POSTING_SELECT = {
  id: true, programmeId: true, personId: true, supportingOrgId: true, recipientOrgId: true, status: true, mode: true,
  startDate: true, endDate: true, durationText: true, arrivedAt: true,
  person: { select: { name: true, gender: true, title: true, department: true, phone: true } },
  supportingOrg: { select: { name: true } },
  recipientOrg: { select: { name: true, phone: true } },
  programme: { select: { name: true } },
  pairingId: true,
  arrivalConfirmedBy: { select: { name: true } },
} as const satisfies Prisma.PostingSelect;

export type FormPosting = Prisma.PostingGetPayload<{ select: typeof FORM_POSTING_SELECT }>;

/** Postings in scope that overlap [from, to] (any date when no period), in the order the forms list them. */
export async function loadPostings(db: Db, scope: Prisma.PostingWhereInput, period?: { from: LocalDate; to: LocalDate }, extra: Prisma.PostingWhereInput = {}): Promise<FormPosting[]> {
  const overlap: Prisma.PostingWhereInput = period
    ? { AND: [{ OR: [{ startDate: null }, { startDate: { lte: dbDate(period.to) } }] }, { OR: [{ endDate: null }, { endDate: { gte: dbDate(period.from) } }] }] }
    : {};
  return db.posting.findMany({
    where: { AND: [scope, overlap, extra] },
    select: FORM_POSTING_SELECT,
    orderBy: [{ supportingOrg: { name: "asc" } }, { recipientOrg: { name: "asc" } }, { person: { name: "asc" } }, { id: "asc" }],
  });
}

export type PostingTotals = Map<number, Map<MetricKey, number>>;

/** Sums per posting and metric of entries (not undone) dated within [from, to]. */
export async function sumByPosting(db: Db, postingIds: number[], from: LocalDate, to: LocalDate): Promise<PostingTotals> {
  const totals: PostingTotals = new Map();
  for (const ids of chunks(postingIds, IDS_PER_QUERY)) {
    const rows = await db.workloadEntry.groupBy({
      by: ["postingId", "metric"],
      where: { postingId: { in: ids }, revokedAt: null, occurredOn: { gte: dbDate(from), lte: dbDate(to) } },
      _sum: { quantity: true },
    });
    for (const r of rows) {
      const byMetric = totals.get(r.postingId) ?? new Map<MetricKey, number>();
      byMetric.set(r.metric, round(r._sum.quantity ?? 0));
      totals.set(r.postingId, byMetric);
    }
  }
  return totals;
}

export type PostingLabels = Map<number, Map<MetricKey, string[]>>;

/** The names after 特色科室/适宜技术 counts and the texts of 其它, per posting, first-recorded first. */
export async function labelsByPosting(db: Db, postingIds: number[], from: LocalDate, to: LocalDate): Promise<PostingLabels> {
  const labels: PostingLabels = new Map();
  for (const ids of chunks(postingIds, IDS_PER_QUERY)) {
    const rows = await db.workloadEntry.findMany({
      where: { postingId: { in: ids }, revokedAt: null, label: { not: null }, occurredOn: { gte: dbDate(from), lte: dbDate(to) } },
      select: { postingId: true, metric: true, label: true },
      orderBy: { id: "asc" },
    });
    for (const r of rows) {
      const byMetric = labels.get(r.postingId) ?? new Map<MetricKey, string[]>();
      const list = byMetric.get(r.metric) ?? [];
      if (!list.includes(r.label!)) list.push(r.label!);
      byMetric.set(r.metric, list);
      labels.set(r.postingId, byMetric);
    }
  }
  return labels;
}

/** Months (YYYY-MM) each posting has submitted through the month-end card. */
export async function submittedMonths(db: Db, postingIds: number[], months: string[]): Promise<Map<number, Map<string, Date>>> {
  const submitted = new Map<number, Map<string, Date>>();
  for (const ids of chunks(postingIds, IDS_PER_QUERY)) {
    const rows = await db.monthlyReport.findMany({ where: { postingId: { in: ids }, month: { in: months } }, select: { postingId: true, month: true, submittedAt: true } });
    for (const r of rows) submitted.set(r.postingId, (submitted.get(r.postingId) ?? new Map()).set(r.month, r.submittedAt));
  }
  return submitted;
}

export const postingStart = (p: { startDate: Date | null }) => (p.startDate ? fromDbDate(p.startDate) : null);
export const postingEnd = (p: { endDate: Date | null }) => (p.endDate ? fromDbDate(p.endDate) : null);
