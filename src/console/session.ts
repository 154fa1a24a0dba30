// The console's session cookie: who a browser is signed in as, read into the admin API's Caller so a
// page sees and changes exactly what the API would let that person (services/where.ts scopeOfPerson).
import type { Context } from "koa";
import type { Db } from "../infra/db.js";
import { AppError } from "../errors.js";
import type { Caller, SessionReader } from "../api/caller.js";
import { EVERYTHING, scopeOfPerson } from "../services/where.js";
import { findConsoleSession, type ConsoleSessionRow } from "../services/sessions/find-console-session.js";
import { findConsolePerson } from "../services/sessions/find-console-person.js";
import type { NewSession } from "../services/sessions/start-console-session.js";
import { createRenderer } from "../templates/render.js";

const say = createRenderer("api");
export const SESSION_COOKIE = "duikou_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// A cookie token is 43 characters; anything much longer is not ours and is not looked up.
const MAX_TOKEN = 100;

import { sameText } from "../infra/same-text.js";

/**
 * Whether our cookies are Secure: whenever the console is served over https (PUBLIC_URL), not only when
 * this hop is TLS. Behind a TLS-terminating proxy without TRUST_PROXY the hop is plain HTTP, and the
 * cookie must still never travel over plain HTTP from the browser.
 */
export function useSecureCookies(ctx: Context, publicUrl: string): boolean {
  const secure = ctx.secure || publicUrl.startsWith("https:");
  // The cookies module refuses a Secure cookie on a connection it believes is plain; it is not (see above).
  if (secure) ctx.cookies.secure = true;
  return secure;
}

export function setSessionCookie(ctx: Context, session: NewSession, secure: boolean): void {
  ctx.cookies.set(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: session.expiresAt, overwrite: true });
}

export function clearSessionCookie(ctx: Context, secure: boolean): void {
  ctx.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure, path: "/", expires: new Date(0), overwrite: true });
}

export const sessionToken = (ctx: Context): string | undefined => {
  const token = ctx.cookies.get(SESSION_COOKIE);
  return token && token.length <= MAX_TOKEN ? token : undefined;
};

async function callerOf(db: Db, s: ConsoleSessionRow): Promise<Caller | undefined> {
  if (s.admin) return { actor: "console:admin", admin: true, scope: EVERYTHING };
  const person = s.personId === null ? undefined : await findConsolePerson(db, s.personId);
  if (!person) return undefined;
  const scope = scopeOfPerson(person);
  return { actor: `console:person:${person.id}`, admin: person.role === "admin", scope, org: scope.org, department: person.role === "leader" ? person.department : null, person: { id: person.id, name: person.name, role: person.role } };
}

/** The caller of a signed-in browser; a change must carry the session's CSRF token in X-CSRF-Token. */
export function readSession(db: Db, now: () => Date): SessionReader {
  return async (ctx) => {
    const token = sessionToken(ctx);
    const session = token ? await findConsoleSession(db, token, now()) : undefined;
    if (!session) return undefined;
    // A cross-site form can send the cookie but cannot set this header, nor read the token.
    if (!SAFE_METHODS.has(ctx.method) && !sameText(ctx.get("x-csrf-token"), session.csrf)) throw new AppError("forbidden", say("console.csrf"));
    const caller = await callerOf(db, session);
    if (caller) ctx.state.csrf = session.csrf;
    return caller;
  };
}
