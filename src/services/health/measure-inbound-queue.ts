// How far behind the worker is: messages stored and not yet processed, and how long the oldest has waited.
import type { Db } from "../../infra/db.js";

export async function measureInboundQueue(db: Db): Promise<{ waiting: number; oldestMs: number }> {
  const [row] = await db.$queryRawUnsafe<{ waiting: number; oldest: Date | null }[]>(
    `SELECT count(*)::int AS waiting, min("receivedAt") AS oldest FROM "InboundMessage" WHERE outcome = 'received'`);
  return { waiting: row.waiting, oldestMs: row.oldest ? Date.now() - new Date(row.oldest).getTime() : 0 };
}
