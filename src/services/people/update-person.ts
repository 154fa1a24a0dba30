// A person's role, department and phone changed from the console's 管理 page (the admin's), audited
// with what they were and what they became.
import type { DbClient } from "../../infra/db.js";
import type { Role } from "../../generated/prisma/client.js";
import { audit } from "../audit/audit.js";

export type PersonChange = { role?: Role; department?: string | null; phone?: string | null };

export async function updatePerson(db: DbClient, o: { id: number; change: PersonChange; actor: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const before = await tx.person.findUnique({ where: { id: o.id }, select: { role: true, department: true, phone: true } });
    if (!before) return false;
    await tx.person.update({ where: { id: o.id }, data: o.change });
    await audit(tx, o.actor, "person.update", `person:${o.id}`, { before, after: { ...before, ...o.change } });
    return true;
  });
}
