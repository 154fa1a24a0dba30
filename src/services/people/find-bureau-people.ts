// The bureau: leaders and admins of the authorities that govern a programme by the API's scope rule
// (services/where.ts governs): a bureau of its region, or a bureau with no region (a one-county
// install's). A programme without a region is governed by region-less bureaus only: never by every
// region's. `adminsOnly` for what only an admin handles (quarterly statistics, platform quota).
import type { Db } from "../../infra/db.js";
import type { Recipient } from "./find-leaders.js";

export async function findBureauPeople(db: Db, o: { region?: string | null; adminsOnly?: boolean } = {}): Promise<Recipient[]> {
  const where = o.adminsOnly
    ? { role: "admin" as const }
    : { role: { in: ["leader" as const, "admin" as const] }, organization: { kind: "authority" as const, OR: [{ region: null }, ...(o.region ? [{ region: o.region }] : [])] } };
  return db.person.findMany({ where, select: { id: true, name: true }, orderBy: { id: "asc" } });
}
