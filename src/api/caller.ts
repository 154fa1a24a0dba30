// Who is calling the admin API: the bureau admin (ADMIN_TOKEN: everything), an organisation's token (its
// scope only), or a person signed in to the console (a session cookie: their scope, the same rule).
// Decided once per request; endpoints read ctx.state.caller.
import type { Context, Next } from "koa";
import type { Db } from "../infra/db.js";
import { AppError } from "../errors.js";
import { EVERYTHING, governs, scopeOfOrg, type Scope, type ScopeOrg } from "../services/where.js";
import { findApiToken } from "../services/tokens/find-api-token.js";
import { isAdminToken } from "../services/tokens/api-token-hash.js";
import { createRenderer } from "../templates/render.js";
import { governsRegion } from "../services/access/actor.js";

const say = createRenderer("api");

/** `org` is set for a caller who acts for an organisation; a doctor in the console has none (reads only their own). */
export type Caller = { actor: string; admin: boolean; scope: Scope; org?: ScopeOrg; department?: string | null; person?: { id: number; name: string; role: string } };

export type SessionReader = (ctx: Context) => Promise<Caller | undefined>;

export function authenticate(db: Db, adminToken: string | undefined, session?: SessionReader) {
  return async (ctx: Context, next: Next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(ctx.get("authorization"));
    const signedIn = !m && session ? await session(ctx) : undefined;
    if (signedIn) {
      ctx.state.caller = signedIn;
      return next();
    }
    if (!m) throw new AppError("unauthorized", say("auth.missing"));
    const token = m[1];
    if (isAdminToken(token, adminToken)) {
      ctx.state.caller = { actor: "admin", admin: true, scope: EVERYTHING } satisfies Caller;
    } else {
      const holder = await findApiToken(db, token);
      // Counted as a security event by the error middleware: a guessed or revoked token.
      if (!holder) throw new AppError("forbidden", say("auth.invalid"));
      ctx.state.caller = { actor: `token:${holder.tokenId}:${holder.org.name}`, admin: false, scope: scopeOfOrg(holder.org), org: holder.org } satisfies Caller;
    }
    await next();
  };
}

/**
 * Writes to a posting, judged on the posting as it stands or as it would stand: the admin, a bureau over
 * its region, or the hospital that posted the doctor (a department head: a doctor of the department).
 * Never a clinic.
 */
export function canChangePosting(caller: Caller, posting: { supportingOrgId: number; programme: { region: string | null }; person: { department?: string | null } }): boolean {
  if (caller.admin) return true;
  const org = caller.org;
  if (!org) return false;
  if (org.kind === "supporting") return posting.supportingOrgId === org.id && (!caller.department || posting.person.department === caller.department);
  return governs(org, posting.programme.region);
}

/** Approving a replacement is the bureau's: the admin, or an authority over its region. */
export const canApprove = (caller: Caller, posting: { programme: { region: string | null } }): boolean => governsRegion(caller, posting.programme.region);
