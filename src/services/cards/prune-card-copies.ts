// Copies past the time WeCom lets them be updated (72 hours) have no further use.
import type { Db } from "../../infra/db.js";
import { COPY_UPDATABLE_MS } from "./find-other-copies.js";

export async function pruneCardCopies(db: Db, now: Date): Promise<number> {
  const { count } = await db.cardCopy.deleteMany({ where: { sentAt: { lt: new Date(now.getTime() - COPY_UPDATABLE_MS) } } });
  return count;
}
