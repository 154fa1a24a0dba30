// A clinic as a person writes it (services/find-clinic), and whether the actor may record something at
// it: the admin anywhere; a bureau at clinics paired in its region's programmes; a hospital at clinics it
// is paired with; a department head at clinics where their department has a doctor posted.
import type { Db } from "../../infra/db.js";
import { findClinic } from "../find-clinic.js";
import type { Actor } from "./actor.js";

export type ClinicLookup = { found: { id: number; name: string } | undefined; inScope: boolean };

export async function findClinicInScope(db: Db, actor: Actor, written: string): Promise<ClinicLookup> {
  const found = await findClinic(db, written);
  if (!found || actor.admin) return { found, inScope: !!found };
  const inScope = actor.department
    ? (await db.posting.count({ where: { AND: [actor.scope.postings, { recipientOrgId: found.id }] } })) > 0
    : (await db.pairing.count({ where: { AND: [actor.scope.pairings, { recipientOrgId: found.id }] } })) > 0;
  return { found, inScope };
}
