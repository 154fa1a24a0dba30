// A one-time sign-in link for the console (后台 in chat, or the CLI's login-link): valid ten minutes,
// redeemed once. Only its hash is stored.
import { randomBytes } from "node:crypto";
import type { Db } from "../../infra/db.js";
import { hashToken } from "../tokens/api-token-hash.js";

export const LINK_MINUTES = 10;

export async function createLoginLink(db: Db, o: { personId?: number; admin?: boolean; now: Date }): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(o.now.getTime() + LINK_MINUTES * 60_000);
  await db.consoleSession.create({ data: { tokenHash: hashToken(token), kind: "link", personId: o.personId ?? null, admin: o.admin ?? false, expiresAt } });
  return token;
}
