// Who a new posting would belong to: its programme's region and its supporting hospital (the caller
// must govern one or be the other), before the posting is made.
import type { Db } from "../../infra/db.js";

export async function findPostingParties(db: Db, o: { programme: string; supportingOrg: string }) {
  const programme = await db.programme.findUnique({ where: { name: o.programme }, select: { region: true } });
  const supporting = await db.organization.findUnique({ where: { name: o.supportingOrg }, select: { id: true } });
  return programme && supporting ? { programme, supportingOrgId: supporting.id } : undefined;
}
