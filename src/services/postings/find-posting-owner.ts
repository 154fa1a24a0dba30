// Whose posting this is (a month-end card may only be answered by its doctor).
import type { Db } from "../../infra/db.js";

export async function findPostingOwner(db: Db, postingId: number): Promise<number | undefined> {
  const posting = await db.posting.findUnique({ where: { id: postingId }, select: { personId: true } });
  return posting?.personId;
}
