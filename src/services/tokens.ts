// Admin API tokens scoped to one organisation. Only a SHA-256 of each token is stored, so a database
// dump does not hand out access; the token itself is printed once, when created.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../infra/db.js";
import type { ScopeOrg } from "./scope.js";

const PREFIX = "dk_";
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createApiToken(db: Db, organizationId: number, label: string): Promise<{ id: number; token: string }> {
  const token = PREFIX + randomBytes(24).toString("base64url");
  const row = await db.apiToken.create({ data: { organizationId, label, tokenHash: hash(token) } });
  return { id: row.id, token };
}

export type TokenHolder = { tokenId: number; org: ScopeOrg };

/** The organisation a live token belongs to. Looked up by hash, so the compare is not on the secret. */
export async function findApiToken(db: Db, token: string): Promise<TokenHolder | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hash(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, organization: { select: { id: true, name: true, kind: true, region: true } } },
  });
  if (!row || row.revokedAt) return undefined;
  // lastUsedAt is for the admin deciding what to revoke: once a minute is precise enough.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: row.id, org: row.organization };
}

/** ADMIN_TOKEN compared in constant time (both sides hashed to one length first). */
export function isAdminToken(given: string, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  return timingSafeEqual(Buffer.from(hash(given), "hex"), Buffer.from(hash(adminToken), "hex"));
}

export async function revokeApiToken(db: Db, id: number): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0 || (await db.apiToken.count({ where: { id } })) > 0;
}
