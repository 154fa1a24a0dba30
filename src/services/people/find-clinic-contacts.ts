// Who answers for a clinic about an arrival: the pairing's named contact, or else every clinic_contact
// of the receiving clinic. The arrival card goes to them, and only they may tap it.
import type { Db } from "../../infra/db.js";
import type { ArrivalPosting } from "../postings/find-arrival-posting.js";

export async function findClinicContacts(db: Db, posting: ArrivalPosting): Promise<{ id: number; name: string }[]> {
  const where = posting.contactPersonId !== null
    ? { id: posting.contactPersonId }
    : { organizationId: posting.recipientOrgId, role: "clinic_contact" as const };
  return db.person.findMany({ where, select: { id: true, name: true }, orderBy: { id: "asc" } });
}
