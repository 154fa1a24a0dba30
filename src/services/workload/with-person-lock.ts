// One person's ledger, checked and written as one step.
import type { Db, DbClient } from "../../infra/db.js";

/**
 * Runs `work` in a transaction holding the person's row lock, so a check of their ledger and the write it
 * allows are one step: thirty concurrent reports from one doctor are checked one after another.
 */
export function withPersonLock<T>(db: DbClient, personId: number, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${personId} FOR UPDATE`;
    return work(tx);
  });
}
