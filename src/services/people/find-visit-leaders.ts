// Who hears that a clinic's supervision visits are behind, at a supporting hospital: the head of the
// department the duty is for (dept_head visits; every department head when the posted doctor has no
// department on the roster) or its leaders without a department (hospital_leader), else every leader.
import type { Db } from "../../infra/db.js";
import { findLeaders, type Recipient } from "./find-leaders.js";

export async function findVisitLeaders(db: Db, organizationId: number, kind: "hospital_leader" | "dept_head", department?: string): Promise<Recipient[]> {
  const leaders = await db.person.findMany({
    where: { organizationId, role: "leader", department: kind === "dept_head" ? department ?? { not: null } : null }, select: { id: true, name: true },
  });
  if (leaders.length > 0) return leaders;
  // A department without a registered head: the hospital's leadership hears, not another department's head.
  return kind === "dept_head" ? findVisitLeaders(db, organizationId, "hospital_leader") : findLeaders(db, organizationId);
}
