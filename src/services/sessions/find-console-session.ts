// The session a console cookie names: unexpired and not signed out; who it is and its CSRF token.
import type { Db } from "../../infra/db.js";
import { hashToken } from "../tokens/api-token-hash.js";

export type ConsoleSessionRow = { id: number; personId: number | null; admin: boolean; csrf: string };

export async function findConsoleSession(db: Db, token: string, now: Date): Promise<ConsoleSessionRow | undefined> {
  const row = await db.consoleSession.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.kind !== "session" || row.usedAt || row.expiresAt <= now || !row.csrf) return undefined;
  return { id: row.id, personId: row.personId, admin: row.admin, csrf: row.csrf };
}
