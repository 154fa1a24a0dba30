// An organisation by its name (names are unique); null when there is none.
import type { Db } from "../../infra/db.js";

export async function findOrganization(db: Db, name: string) {
  return db.organization.findUnique({ where: { name } });
}
