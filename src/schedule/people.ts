// Who a reminder goes to: the leaders of an organisation (a department's head first), and the bureau.
import type { Db } from "../infra/db.js";

export type Recipient = { id: number; name: string };
const PICK = { id: true, name: true } as const;

/** Leaders of an organisation; with a department, its head(s) if the roster names any. */
export async function leadersOf(db: Db, organizationId: number, department?: string | null): Promise<Recipient[]> {
  const leaders = await db.person.findMany({ where: { organizationId, role: "leader" }, select: { ...PICK, department: true }, orderBy: { id: "asc" } });
  const heads = department ? leaders.filter((l) => l.department === department) : [];
  const chosen = heads.length > 0 ? heads : leaders.filter((l) => !l.department || !department);
  return chosen.map(({ id, name }) => ({ id, name }));
}

/** The bureau: leaders and admins of authority organisations (of the programme's region when it has one). */
export async function bureauPeople(db: Db, region?: string | null): Promise<Recipient[]> {
  return db.person.findMany({
    where: { role: { in: ["leader", "admin"] }, organization: { kind: "authority", ...(region ? { OR: [{ region }, { region: null }] } : {}) } },
    select: PICK, orderBy: { id: "asc" },
  });
}
