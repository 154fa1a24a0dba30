// How many of a clinic's staff a hospital trained in a window (for at least `months`, where the duty says).
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export async function countTrained(db: Db, o: { supportingOrgId: number; recipientOrgId: number; from: LocalDate; to: LocalDate; months?: number }): Promise<number> {
  const rows = await db.trainingRecord.aggregate({
    where: { supportingOrgId: o.supportingOrgId, recipientOrgId: o.recipientOrgId, trainedOn: { gte: dbDate(o.from), lte: dbDate(o.to) }, ...(o.months ? { months: { gte: o.months } } : {}) },
    _sum: { people: true },
  });
  return rows._sum.people ?? 0;
}
