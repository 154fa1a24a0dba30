// A sign-in link opens one session, once: marking it used is conditional on its being unused and
// unexpired, so two clicks (or a link forwarded in a chat) sign in one browser.
import type { DbClient } from "../../infra/db.js";
import { hashToken } from "../tokens/api-token-hash.js";
import { startConsoleSession, type NewSession } from "./start-console-session.js";

export async function redeemLoginLink(db: DbClient, token: string, now: Date): Promise<NewSession | undefined> {
  const tokenHash = hashToken(token);
  return db.$transaction(async (tx) => {
    const { count } = await tx.consoleSession.updateMany({ where: { tokenHash, kind: "link", usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count === 0) return undefined;
    const link = (await tx.consoleSession.findUnique({ where: { tokenHash } }))!;
    return startConsoleSession(tx, { personId: link.personId, admin: link.admin, now });
  });
}
