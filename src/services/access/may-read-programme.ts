// Whether a programme's rules are the caller's to read: the bureau that governs it (and the admin), and
// anyone with a posting or pairing of it in their scope (its hospitals, clinics and doctors).
import type { Db } from "../../infra/db.js";
import { governsRegion, type Actor } from "./actor.js";

export async function mayReadProgramme(db: Db, actor: Actor, programme: { id: number; region: string | null }): Promise<boolean> {
  if (governsRegion(actor, programme.region)) return true;
  const pairings = await db.pairing.count({ where: { AND: [actor.scope.pairings, { programmeId: programme.id }] } });
  return pairings > 0 || (await db.posting.count({ where: { AND: [actor.scope.postings, { programmeId: programme.id }] } })) > 0;
}
