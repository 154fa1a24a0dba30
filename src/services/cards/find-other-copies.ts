// The other live copies of an answered card: same kind, subject and period, not yet settled.
import type { Db } from "../../infra/db.js";
import { parseTaskId } from "../../cards/card.js";

/** WeCom's response_code lasts 72 hours (doc 94888); an older copy cannot be updated there. */
export const COPY_UPDATABLE_MS = 72 * 3600_000;

export async function findOtherCopies(db: Db, taskId: string, now: Date) {
  const parsed = parseTaskId(taskId);
  if (!parsed) return [];
  return db.cardCopy.findMany({
    where: {
      kind: parsed.kind, subject: parsed.subject, period: parsed.period ?? "", taskId: { not: taskId }, settledAt: null,
      sentAt: { gt: new Date(now.getTime() - COPY_UPDATABLE_MS) },
    },
    orderBy: { id: "asc" },
  });
}
