// Every admin API token, with its organisation (the secrets are not stored, so not listed).
import type { Db } from "../../infra/db.js";

export async function listApiTokens(db: Db) {
  return db.apiToken.findMany({ orderBy: { id: "asc" }, include: { organization: { select: { name: true } } } });
}
