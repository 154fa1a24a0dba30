// A clinic as a person writes it (services/find-clinic), where the actor may record something at it: the
// admin anywhere; a bureau at clinics paired in its region's programmes; a hospital at clinics it is
// paired with; a department head at clinics where their department has a doctor posted. A clinic outside
// the scope is undefined, as one that does not exist: another region's duty is not the actor's to clear.
import type { Db } from "../../infra/db.js";
import { findClinic } from "../people/find-clinic.js";
import type { Actor } from "./actor.js";

export async function findClinicInScope(db: Db, actor: Actor, written: string): Promise<{ id: number; name: string } | undefined> {
  const found = await findClinic(db, written);
  if (!found || actor.admin) return found;
  const inScope = actor.department
    ? (await db.posting.count({ where: { AND: [actor.scope.postings, { recipientOrgId: found.id }] } })) > 0
    : (await db.pairing.count({ where: { AND: [actor.scope.pairings, { recipientOrgId: found.id }] } })) > 0;
  return inScope ? found : undefined;
}
