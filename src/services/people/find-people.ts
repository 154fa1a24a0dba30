// People by what a person types about them: a name and a phone's last four digits (绑定), or a name
// or a full phone number (the console channel).
import type { Db } from "../../infra/db.js";
import type { Sender } from "./find-sender.js";

export async function findPeople(db: Db, o: { name: string; phoneTail: string } | { nameOrPhone: string }): Promise<Sender[]> {
  const where = "nameOrPhone" in o ? { OR: [{ name: o.nameOrPhone }, { phone: o.nameOrPhone }] } : { name: o.name, phone: { endsWith: o.phoneTail } };
  const people = await db.person.findMany({
    where, select: { id: true, name: true, role: true, organization: { select: { name: true } } }, orderBy: { id: "asc" },
  });
  return people.map((p) => ({ id: p.id, name: p.name, role: p.role, organizationName: p.organization.name }));
}
