// The names behind an audit page's ids (person:12, posting:7, filing:3, leave:5), read in one query
// per kind, so that each entry reads as a sentence about people and places, not codes.
import type { Db } from "../../infra/db.js";

export type AuditNames = {
  people: Map<number, { name: string; role: string }>;
  postings: Map<number, { name: string; clinic: string }>;
  filings: Map<number, { title: string }>;
  leaves: Map<number, { name: string }>;
};

const idsOf = (refs: string[], kind: string) => [...new Set(refs.map((r) => new RegExp(`^(?:console:)?${kind}:(\\d+)`).exec(r)?.[1]).filter(Boolean).map(Number))];

export async function findAuditNames(db: Db, refs: string[]): Promise<AuditNames> {
  const [people, postings, filings, leaves] = await Promise.all([
    db.person.findMany({ where: { id: { in: idsOf(refs, "person") } }, select: { id: true, name: true, role: true } }),
    db.posting.findMany({ where: { id: { in: idsOf(refs, "posting") } }, select: { id: true, person: { select: { name: true } }, recipientOrg: { select: { name: true } } } }),
    db.filing.findMany({ where: { id: { in: idsOf(refs, "filing") } }, select: { id: true, title: true } }),
    db.leave.findMany({ where: { id: { in: idsOf(refs, "leave") } }, select: { id: true, person: { select: { name: true } } } }),
  ]);
  return {
    people: new Map(people.map((p) => [p.id, { name: p.name, role: p.role }])),
    postings: new Map(postings.map((p) => [p.id, { name: p.person.name, clinic: p.recipientOrg.name }])),
    filings: new Map(filings.map((f) => [f.id, { title: f.title }])),
    leaves: new Map(leaves.map((l) => [l.id, { name: l.person.name }])),
  };
}
