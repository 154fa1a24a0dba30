// The bureau: leaders and admins of authority organisations (of the programme's region when it has one);
// `adminsOnly` for what only an admin handles (quarterly statistics, platform quota).
import type { Db } from "../../infra/db.js";
import type { Recipient } from "./find-leaders.js";

export async function findBureauPeople(db: Db, o: { region?: string | null; adminsOnly?: boolean } = {}): Promise<Recipient[]> {
  const where = o.adminsOnly
    ? { role: "admin" as const }
    : { role: { in: ["leader" as const, "admin" as const] }, organization: { kind: "authority" as const, ...(o.region ? { OR: [{ region: o.region }, { region: null }] } : {}) } };
  return db.person.findMany({ where, select: { id: true, name: true }, orderBy: { id: "asc" } });
}
