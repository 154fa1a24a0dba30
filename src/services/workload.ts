// The workload ledger: entries are only ever added; undo marks them revoked, a correction adds the difference.
import type { Db } from "../infra/db.js";
import type { EntrySource, MetricKey, PrismaClient } from "../generated/prisma/client.js";
import { dbDate, fromDbDate, type LocalDate } from "../infra/time.js";

export type NewEntry = { metric: MetricKey; quantity: number; label?: string; date: LocalDate };

export type RecordOptions = {
  postingId: number;
  personId: number;
  items: NewEntry[];
  source: EntrySource;
  rawText: string;
  inboundMessageId?: number;
  reason?: string;
  isLateCorrection?: boolean;
};

/** Records all items of one message, or none: callers run this inside a transaction. */
export async function recordEntries(db: Db, o: RecordOptions): Promise<number> {
  const result = await db.workloadEntry.createMany({
    data: o.items.map((item, itemIndex) => ({
      postingId: o.postingId,
      personId: o.personId,
      metric: item.metric,
      quantity: item.quantity,
      label: item.label,
      occurredOn: dbDate(item.date),
      source: o.source,
      inboundMessageId: o.inboundMessageId,
      itemIndex,
      rawText: o.rawText,
      reason: o.reason,
      isLateCorrection: o.isLateCorrection ?? false,
    })),
    skipDuplicates: true, // a platform retry of the same message records nothing new
  });
  return result.count;
}

/**
 * Runs `work` in a transaction holding the person's row lock, so a check of their ledger and the write it
 * allows are one step: thirty concurrent reports from one doctor are checked one after another.
 */
export function inPersonTransaction<T>(prisma: PrismaClient, personId: number, work: (tx: Db) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${personId} FOR UPDATE`;
    return work(tx);
  });
}

export type Totals = Map<MetricKey, number>;

export async function sumWorkload(db: Db, where: { personId: number; from?: LocalDate; to: LocalDate; metrics?: MetricKey[] }): Promise<Totals> {
  const rows = await db.workloadEntry.groupBy({
    by: ["metric"],
    where: {
      personId: where.personId,
      revokedAt: null,
      occurredOn: { gte: where.from ? dbDate(where.from) : undefined, lte: dbDate(where.to) },
      metric: where.metrics ? { in: where.metrics } : undefined,
    },
    _sum: { quantity: true },
  });
  return new Map(rows.map((r) => [r.metric, round(r._sum.quantity ?? 0)]));
}

/** A person's totals per metric and day, for the given days: one query however many metrics and days. */
export async function sumByDay(db: Db, where: { personId: number; days: LocalDate[]; metrics: MetricKey[] }): Promise<Map<string, number>> {
  const rows = await db.workloadEntry.groupBy({
    by: ["metric", "occurredOn"],
    where: { personId: where.personId, revokedAt: null, occurredOn: { in: where.days.map(dbDate) }, metric: { in: where.metrics } },
    _sum: { quantity: true },
  });
  return new Map(rows.map((r) => [dayKey(r.metric, fromDbDate(r.occurredOn)), round(r._sum.quantity ?? 0)]));
}

export const dayKey = (metric: MetricKey, day: LocalDate) => `${metric}@${day}`;

export type DayTotal = { metric: MetricKey; day: LocalDate; quantity: number };

/** A person's totals per metric and day over a span, for callers that sum several windows of it. */
export async function sumPerDay(db: Db, where: { personId: number; from: LocalDate; to: LocalDate }): Promise<DayTotal[]> {
  const rows = await db.workloadEntry.groupBy({
    by: ["metric", "occurredOn"],
    where: { personId: where.personId, revokedAt: null, occurredOn: { gte: dbDate(where.from), lte: dbDate(where.to) } },
    _sum: { quantity: true },
  });
  return rows.map((r) => ({ metric: r.metric, day: fromDbDate(r.occurredOn), quantity: r._sum.quantity ?? 0 }));
}

// Sums of 万元 amounts are floating point; four places is what the forms print.
export function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

export type LastReport = { inboundMessageId: number; entries: { id: number; postingId: number; metric: MetricKey; quantity: number; label: string | null; occurredOn: Date }[] };

/** The entries of the person's most recent message that recorded anything and is not yet undone. */
export async function findLastReport(db: Db, personId: number): Promise<LastReport | undefined> {
  const last = await db.workloadEntry.findFirst({
    where: { personId, revokedAt: null, inboundMessageId: { not: null } },
    orderBy: { id: "desc" },
    select: { inboundMessageId: true },
  });
  if (!last?.inboundMessageId) return undefined;
  const entries = await db.workloadEntry.findMany({
    where: { inboundMessageId: last.inboundMessageId, revokedAt: null },
    select: { id: true, postingId: true, metric: true, quantity: true, label: true, occurredOn: true },
    orderBy: { itemIndex: "asc" },
  });
  return { inboundMessageId: last.inboundMessageId, entries };
}

export async function revokeEntries(db: Db, ids: number[]): Promise<void> {
  await db.workloadEntry.updateMany({ where: { id: { in: ids }, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function countLateCorrections(db: Db, personId: number, from: LocalDate, to: LocalDate): Promise<number> {
  return db.workloadEntry.count({
    where: { personId, isLateCorrection: true, revokedAt: null, occurredOn: { gte: dbDate(from), lte: dbDate(to) } },
  });
}
