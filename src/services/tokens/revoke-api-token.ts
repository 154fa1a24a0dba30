// A revoked token is refused from its next request; revoking twice is not an error.
import type { Db } from "../../infra/db.js";

/** False only when there is no such token. */
export async function revokeApiToken(db: Db, id: number): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0 || (await db.apiToken.count({ where: { id } })) > 0;
}
