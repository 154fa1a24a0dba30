// Who hears that a clinic's supervision visits are behind, at a supporting hospital: its department heads
// (for dept_head visits) or its leaders without a department (hospital_leader), else every leader.
import type { Db } from "../../infra/db.js";
import { findLeaders, type Recipient } from "./find-leaders.js";

export async function findVisitLeaders(db: Db, organizationId: number, kind: "hospital_leader" | "dept_head"): Promise<Recipient[]> {
  const leaders = await db.person.findMany({
    where: { organizationId, role: "leader", department: kind === "dept_head" ? { not: null } : null }, select: { id: true, name: true },
  });
  return leaders.length > 0 ? leaders : findLeaders(db, organizationId);
}
