// Copies answered or updated: nothing more is done with them.
import type { Db } from "../../infra/db.js";

export async function settleCardCopies(db: Db, taskIds: string[], at: Date): Promise<void> {
  if (taskIds.length > 0) await db.cardCopy.updateMany({ where: { taskId: { in: taskIds }, settledAt: null }, data: { settledAt: at } });
}
