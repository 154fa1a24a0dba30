// A console session for someone already known (a redeemed link, or WeCom's OAuth): a cookie token and
// its CSRF token, valid SESSION_HOURS. Only the cookie token's hash is stored.
import { randomBytes } from "node:crypto";
import type { Db } from "../../infra/db.js";
import { hashToken } from "../tokens/api-token-hash.js";

export const SESSION_HOURS = 8;

export type NewSession = { token: string; expiresAt: Date };

export async function startConsoleSession(db: Db, o: { personId: number | null; admin: boolean; now: Date }): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(o.now.getTime() + SESSION_HOURS * 3_600_000);
  await db.consoleSession.create({
    data: { tokenHash: hashToken(token), kind: "session", personId: o.personId, admin: o.admin, csrf: randomBytes(24).toString("base64url"), expiresAt },
  });
  return { token, expiresAt };
}
