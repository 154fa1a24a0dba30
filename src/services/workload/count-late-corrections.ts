// How many of a person's entries in a span were late corrections (补报/更正 of a closed month).
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export async function countLateCorrections(db: Db, personId: number, from: LocalDate, to: LocalDate): Promise<number> {
  return db.workloadEntry.count({
    where: { personId, isLateCorrection: true, revokedAt: null, occurredOn: { gte: dbDate(from), lte: dbDate(to) } },
  });
}
