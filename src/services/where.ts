// The shared filters of queries (not a service of its own): what a scope may see, and postings in force.
// A supporting hospital sees its own doctors' postings (a department head: that department's), a clinic
// the postings to it, a bureau the programmes of its region (SPEC §2).
import type { OrgKind, Prisma } from "../generated/prisma/client.js";
import { dbDate, type LocalDate } from "../infra/time.js";

export type ScopeOrg = { id: number; name: string; kind: OrgKind; region: string | null };

/** Postings and pairings one caller may read: everything for the bureau admin, else an organisation's. */
export type Scope = { postings: Prisma.PostingWhereInput; pairings: Prisma.PairingWhereInput; org?: ScopeOrg };

/** A bureau with no region set sees every programme: it is the programme's owner on a one-county install. */
export function postingScope(org: ScopeOrg, department?: string | null): Prisma.PostingWhereInput {
  if (org.kind === "authority") return org.region ? { programme: { region: org.region } } : {};
  if (org.kind === "recipient") return { recipientOrgId: org.id };
  if (department) return { supportingOrgId: org.id, person: { department } };
  return { supportingOrgId: org.id };
}

export function pairingScope(org: ScopeOrg): Prisma.PairingWhereInput {
  if (org.kind === "authority") return org.region ? { programme: { region: org.region } } : {};
  if (org.kind === "recipient") return { recipientOrgId: org.id };
  return { supportingOrgId: org.id };
}

export const EVERYTHING: Scope = { postings: {}, pairings: {} };

export const scopeOfOrg = (org: ScopeOrg): Scope => ({ postings: postingScope(org), pairings: pairingScope(org), org });

/** An authority governs a programme of its region (every programme when it has no region). */
export const governs = (org: ScopeOrg, region: string | null) => org.kind === "authority" && (!org.region || org.region === region);

/** Postings in force at some time in [from, to]: started by `to`, not ended before `from` (one day: from = to). */
export function inForceDuring(from: LocalDate, to: LocalDate = from): Prisma.PostingWhereInput {
  return { startDate: { lte: dbDate(to) }, OR: [{ endDate: null }, { endDate: { gte: dbDate(from) } }] };
}

/** A date range over optional ends, for a date column. */
export const between = (from?: string, to?: string) => ({ gte: from ? dbDate(from) : undefined, lte: to ? dbDate(to) : undefined });

export type ScopePerson = { id: number; role: "doctor" | "clinic_contact" | "leader" | "admin"; department: string | null; organization: ScopeOrg };

/**
 * A person signed in to the console sees what their organisation's token would (a department head:
 * the department), an admin everything, and a doctor only their own postings.
 */
export function scopeOfPerson(p: ScopePerson): Scope {
  if (p.role === "admin") return EVERYTHING;
  if (p.role === "doctor") return { postings: { personId: p.id }, pairings: { postings: { some: { personId: p.id } } } };
  return { postings: postingScope(p.organization, p.role === "leader" ? p.department : null), pairings: pairingScope(p.organization), org: p.organization };
}
