// An organisation's 所在区县 (the county whose bureau signs its side of the assessment), audited with
// what it was. Null clears it: the programme's region stands in.
import type { Db } from "../../infra/db.js";
import { audit } from "../audit/audit.js";

export async function setOrganizationCounty(db: Db, o: { id: number; county: string | null; actor: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: o.id }, select: { county: true } });
    if (before.county === o.county) return;
    await tx.organization.update({ where: { id: o.id }, data: { county: o.county } });
    await audit(tx, o.actor, "organization.county", `organization:${o.id}`, { from: before.county, to: o.county });
  });
}
