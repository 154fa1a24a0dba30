// The supporting hospitals of a programme (those paired with a clinic in it).
import type { Db } from "../../infra/db.js";

export async function findProgrammeHospitals(db: Db, programmeId: number): Promise<{ id: number; name: string }[]> {
  const pairings = await db.pairing.findMany({ where: { programmeId }, select: { supportingOrg: { select: { id: true, name: true } } }, distinct: ["supportingOrgId"], orderBy: { supportingOrgId: "asc" } });
  return pairings.map((p) => p.supportingOrg);
}
