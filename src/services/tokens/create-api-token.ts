// A new admin API token for one organisation: printed once, when created.
import { randomBytes } from "node:crypto";
import type { Db } from "../../infra/db.js";
import { hashToken, TOKEN_PREFIX } from "./api-token-hash.js";

export async function createApiToken(db: Db, organizationId: number, label: string): Promise<{ id: number; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(24).toString("base64url");
  const row = await db.apiToken.create({ data: { organizationId, label, tokenHash: hashToken(token) } });
  return { id: row.id, token };
}
