// Sign-out: the session is marked used, so its cookie no longer opens anything.
import type { Db } from "../../infra/db.js";
import { hashToken } from "../tokens/api-token-hash.js";

export async function endConsoleSession(db: Db, token: string, now: Date): Promise<void> {
  await db.consoleSession.updateMany({ where: { tokenHash: hashToken(token), kind: "session", usedAt: null }, data: { usedAt: now } });
}
