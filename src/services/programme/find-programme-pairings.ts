// The pairings of a programme (supporting hospital → clinic), with their names.
import type { Db } from "../../infra/db.js";

export async function findProgrammePairings(db: Db, programmeId: number) {
  const rows = await db.pairing.findMany({
    where: { programmeId }, orderBy: { id: "asc" },
    select: { supportingOrgId: true, recipientOrgId: true, supportingOrg: { select: { name: true } }, recipientOrg: { select: { name: true } } },
  });
  return rows.map((r) => ({ supportingOrgId: r.supportingOrgId, recipientOrgId: r.recipientOrgId, hospital: r.supportingOrg.name, clinic: r.recipientOrg.name }));
}
