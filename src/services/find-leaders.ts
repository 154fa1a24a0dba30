// Who a reminder about an organisation goes to: its leaders (a department's head first).
import type { Db } from "../infra/db.js";

export type Recipient = { id: number; name: string };

/** Leaders of an organisation; with a department, its head(s) if the roster names any. Without an organisation, every leader. */
export async function findLeaders(db: Db, organizationId?: number, department?: string | null): Promise<Recipient[]> {
  const leaders = await db.person.findMany({ where: { organizationId, role: "leader" }, select: { id: true, name: true, department: true }, orderBy: { id: "asc" } });
  const heads = department ? leaders.filter((l) => l.department === department) : [];
  const chosen = heads.length > 0 ? heads : leaders.filter((l) => !l.department || !department);
  return chosen.map(({ id, name }) => ({ id, name }));
}
