// What an organisation may see (SPEC §2): a supporting hospital its own doctors' postings (a department
// head: that department's), a clinic the postings to it, a bureau the programmes of its region.
// The digest, the admin API's org tokens and the exports' --org all ask here.
import type { OrgKind, Prisma } from "../generated/prisma/client.js";
import type { Db } from "../infra/db.js";
import { AppError } from "../errors.js";
import { createRenderer } from "../templates.js";

const say = createRenderer("api");

export type ScopeOrg = { id: number; name: string; kind: OrgKind; region: string | null };

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

/** Postings and pairings one caller may read: everything for the bureau admin, else an organisation's. */
export type Scope = { postings: Prisma.PostingWhereInput; pairings: Prisma.PairingWhereInput; org?: ScopeOrg };

export const EVERYTHING: Scope = { postings: {}, pairings: {} };

export const scopeOfOrg = (org: ScopeOrg): Scope => ({ postings: postingScope(org), pairings: pairingScope(org), org });

/** The organisation a filter names (--org, ?org=): not found is the caller's mistake, said in Chinese. */
export async function findScopeOrg(db: Db, name: string): Promise<ScopeOrg> {
  const org = await db.organization.findUnique({ where: { name }, select: { id: true, name: true, kind: true, region: true } });
  if (!org) throw new AppError("not_found", say("export.no_org", { org: name }));
  return org;
}

/** An authority governs a programme of its region (every programme when it has no region). */
export const governs = (org: ScopeOrg, region: string | null) => org.kind === "authority" && (!org.region || org.region === region);
