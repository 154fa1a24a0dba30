// The sender as one who may log meetings and visits: a leader or an admin, with their organisation.
import type { Db } from "../../infra/db.js";

export async function findLeader(db: Db, personId: number) {
  const me = await db.person.findUniqueOrThrow({
    where: { id: personId }, select: { id: true, name: true, role: true, department: true, organization: { select: { id: true, name: true, kind: true } } },
  });
  return me.role === "leader" || me.role === "admin" ? me : undefined;
}
