// Service elsewhere that counts toward a person's grassroots record (援外, 援藏, 援疆), entered by the bureau; audited.
import type { DbClient } from "../../infra/db.js";
import { audit } from "../audit/audit.js";

export async function addServiceElsewhere(db: DbClient, o: { personId: number; kind: string; startDate: Date; endDate: Date; note: string | null; actor: string }): Promise<number> {
  return db.$transaction(async (tx) => {
    const row = await tx.serviceElsewhere.create({ data: { personId: o.personId, kind: o.kind, startDate: o.startDate, endDate: o.endDate, note: o.note, enteredBy: o.actor } });
    await audit(tx, o.actor, "person.service_elsewhere", `person:${o.personId}`, { kind: o.kind, startDate: o.startDate.toISOString().slice(0, 10), endDate: o.endDate.toISOString().slice(0, 10) });
    return row.id;
  });
}
