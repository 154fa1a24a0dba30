// A programme's record (its name, region and dates), by id or by name; null when there is none.
import type { Db } from "../../infra/db.js";

export async function findProgramme(db: Db, where: { id: number } | { name: string }) {
  return db.programme.findUnique({ where });
}
