// A posting's status now (a held arrival reminder goes out only while the posting is still planned).
import type { Db } from "../../infra/db.js";

export async function findPostingStatus(db: Db, postingId: number) {
  return (await db.posting.findUnique({ where: { id: postingId }, select: { status: true } }))?.status;
}
