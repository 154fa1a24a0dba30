// Postings as the admin API lists them: filtered by the caller's scope, sorted by any column, a page at
// a time. Names sort as a Chinese reader expects (by pinyin, Intl.Collator zh-CN), which the database's
// collation does not promise (PGlite and a C-collated PostgreSQL sort by code point): for a name
// column the ids and names of every match are read (a few bytes each; 10,000 postings is one short
// query), sorted here, and only the page's rows are read in full.
import type { Db } from "../../infra/db.js";
import { withTotal } from "../with-total.js";
import type { Prisma } from "../../generated/prisma/client.js";

const SELECT = {
  id: true, status: true, mode: true, startDate: true, endDate: true, arrivedAt: true, endedAt: true, durationText: true,
  replacesPostingId: true, replacementNote: true, supportingOrgId: true, arrivalVia: true, arrivalReportedBy: true,
  programme: { select: { id: true, name: true, region: true } },
  person: { select: { id: true, name: true, department: true, title: true } },
  supportingOrg: { select: { name: true } },
  recipientOrg: { select: { id: true, name: true } },
  arrivalConfirmedBy: { select: { name: true } },
} as const satisfies Prisma.PostingSelect;

export type PostingRow = Prisma.PostingGetPayload<{ select: typeof SELECT }>;

export const POSTING_SORTS = ["person", "supportingOrg", "recipientOrg", "startDate", "endDate", "status"] as const;
export type PostingSort = { key: (typeof POSTING_SORTS)[number]; order: "asc" | "desc" };

const NAMES = { person: "person", supportingOrg: "supportingOrg", recipientOrg: "recipientOrg" } as const;
const collator = new Intl.Collator("zh-CN");

const orderOf = (sort: PostingSort | undefined): Prisma.PostingOrderByWithRelationInput[] =>
  sort && !(sort.key in NAMES) ? [{ [sort.key]: { sort: sort.order, nulls: "last" } }, { id: "asc" }] : [{ id: "asc" }];

/** The page's ids, in the collator's order of the sort column's names. */
async function idsByName(db: Db, where: Prisma.PostingWhereInput, sort: PostingSort, skip: number, take: number): Promise<number[]> {
  const name = { select: { name: true } } as const;
  const all = await db.posting.findMany({ where, select: { id: true, person: name, supportingOrg: name, recipientOrg: name } });
  const key = sort.key as keyof typeof NAMES;
  const sign = sort.order === "desc" ? -1 : 1;
  all.sort((a, b) => sign * collator.compare(a[key].name, b[key].name) || a.id - b.id);
  return all.slice(skip, skip + take).map((p) => p.id);
}

async function rowsByName(db: Db, o: { where: Prisma.PostingWhereInput; skip: number; take: number; sort: PostingSort }): Promise<PostingRow[]> {
  const ids = await idsByName(db, o.where, o.sort, o.skip, o.take);
  const rows = await db.posting.findMany({ where: { id: { in: ids } }, select: SELECT });
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}

/** One page (`skip`, `take`) of the postings `where` selects, in `sort`'s order (else by id), and how many there are in all. */
export async function listPostings(db: Db, o: { where: Prisma.PostingWhereInput; skip: number; take: number; sort?: PostingSort }): Promise<{ rows: PostingRow[]; total: number }> {
  const rows = o.sort && o.sort.key in NAMES
    ? rowsByName(db, { ...o, sort: o.sort })
    : db.posting.findMany({ where: o.where, select: SELECT, orderBy: orderOf(o.sort), skip: o.skip, take: o.take });
  return withTotal(rows, db.posting.count({ where: o.where }));
}
