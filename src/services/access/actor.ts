// Who is changing something, as every write path sees them: the API's caller (a token or a console
// session) and a chat sender are both an Actor, so one rule decides what each may change.
import type { ConsolePerson } from "../sessions/find-console-person.js";
import { EVERYTHING, governs, scopeOfPerson, type Scope, type ScopeOrg } from "../where.js";

export type Actor = {
  admin: boolean;
  /** The organisation acted for; a doctor in the console has none. */
  org?: ScopeOrg;
  scope: Scope;
  /** A department head's department: their visits and reminders are about their department's doctors. */
  department?: string | null;
};

export const ADMIN_ACTOR: Actor = { admin: true, scope: EVERYTHING };

export function actorOfPerson(p: ConsolePerson): Actor {
  if (p.role === "admin") return ADMIN_ACTOR;
  const scope = scopeOfPerson(p);
  return { admin: false, org: scope.org, scope, department: p.role === "leader" ? p.department : null };
}

/** The admin, or a bureau over the region (a bureau with no region governs every programme). */
export const governsRegion = (actor: Actor, region: string | null): boolean => actor.admin || (!!actor.org && governs(actor.org, region));

/**
 * A programme may be changed only if the caller governs it as it stands and as it would stand after:
 * a bureau can neither rewrite another region's programme nor move its own into another region.
 */
export function mayChangeProgramme(actor: Actor, before: { region: string | null } | null | undefined, after: { region: string | null }): boolean {
  return (!before || governsRegion(actor, before.region)) && governsRegion(actor, after.region);
}
