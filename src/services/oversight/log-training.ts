// 进修: clinic staff a supporting hospital trained (people, for how many months), logged by its leader.
import type { Db } from "../../infra/db.js";
import { dbDate, type LocalDate } from "../../infra/time.js";

export async function logTraining(db: Db, o: { supportingOrgId: number; recipientOrgId: number; people: number; months?: number; note?: string; on: LocalDate; loggedById: number }): Promise<void> {
  await db.trainingRecord.create({
    data: { supportingOrgId: o.supportingOrgId, recipientOrgId: o.recipientOrgId, people: o.people, months: o.months ?? null, note: o.note || null, trainedOn: dbDate(o.on), loggedById: o.loggedById },
  });
}
