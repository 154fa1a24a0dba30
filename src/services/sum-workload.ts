// The one sum-by-metric query of the ledger: a person's, a set of postings', or a scope's totals over
// a span of days (or of entry times), revoked entries left out. Every total a person reads comes from here.
import type { Db } from "../infra/db.js";
import type { MetricKey, Prisma } from "../generated/prisma/client.js";
import { dbDate, type LocalDate } from "../infra/time.js";
import { round, type Totals } from "../domain/quantity.js";

export type WorkloadFilter = {
  personId?: number;
  postingIds?: number[];
  /** A scope's postings (the admin API, the digest). */
  postings?: Prisma.PostingWhereInput;
  from?: LocalDate;
  to?: LocalDate;
  metrics?: MetricKey[];
  /** Only entries written since this instant (the digest's week), whatever day they are for. */
  writtenSince?: Date;
};

export function workloadWhere(f: WorkloadFilter): Prisma.WorkloadEntryWhereInput {
  return {
    revokedAt: null,
    personId: f.personId,
    postingId: f.postingIds ? { in: f.postingIds } : undefined,
    posting: f.postings,
    occurredOn: f.from || f.to ? { gte: f.from ? dbDate(f.from) : undefined, lte: f.to ? dbDate(f.to) : undefined } : undefined,
    metric: f.metrics ? { in: f.metrics } : undefined,
    createdAt: f.writtenSince ? { gte: f.writtenSince } : undefined,
  };
}

export async function sumWorkload(db: Db, f: WorkloadFilter): Promise<Totals> {
  const rows = await db.workloadEntry.groupBy({ by: ["metric"], where: workloadWhere(f), _sum: { quantity: true } });
  return new Map(rows.map((r) => [r.metric, round(r._sum.quantity ?? 0)]));
}
