// Who a reminder about an organisation goes to: its leaders (a department's head first, domain/leaders).
import type { Db } from "../../infra/db.js";
import { headsFor, type Leader } from "../../domain/leaders.js";

export type Recipient = { id: number; name: string };

/** Every leader of an organisation (of every organisation without one), with their departments. */
export async function listLeaders(db: Db, organizationId?: number): Promise<Leader[]> {
  return db.person.findMany({ where: { organizationId, role: "leader" }, select: { id: true, name: true, department: true }, orderBy: { id: "asc" } });
}

/** Leaders of an organisation; with a department, its head(s) if the roster names any. */
export async function findLeaders(db: Db, organizationId?: number, department?: string | null): Promise<Recipient[]> {
  return headsFor(await listLeaders(db, organizationId), department);
}
