// Whether the database answers: throws when it does not.
import type { Db } from "../../infra/db.js";

export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
