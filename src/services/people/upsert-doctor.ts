// A posted doctor by name within the supporting hospital: created as a doctor when new; given details are updated.
import type { Db } from "../../infra/db.js";

export type PersonInput = { name: string; gender?: string; title?: string; department?: string; phone?: string };

export async function upsertDoctor(tx: Db, organizationId: number, p: PersonInput): Promise<number> {
  const details = { gender: p.gender, title: p.title, department: p.department, phone: p.phone };
  const person = await tx.person.upsert({
    where: { organizationId_name: { organizationId, name: p.name } },
    create: { organizationId, name: p.name, role: "doctor", ...details },
    update: details,
  });
  return person.id;
}
