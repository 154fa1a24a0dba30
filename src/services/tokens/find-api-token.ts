// The organisation a live token belongs to. Looked up by hash, so the compare is not on the secret.
import type { Db } from "../../infra/db.js";
import { hashToken, TOKEN_PREFIX } from "./api-token-hash.js";
import type { ScopeOrg } from "../where.js";

export type TokenHolder = { tokenId: number; org: ScopeOrg };

export async function findApiToken(db: Db, token: string): Promise<TokenHolder | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, organization: { select: { id: true, name: true, kind: true, region: true } } },
  });
  if (!row || row.revokedAt) return undefined;
  // lastUsedAt is for the admin deciding what to revoke: once a minute is precise enough.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: row.id, org: row.organization };
}
