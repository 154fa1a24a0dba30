// The people on the roster with their roles and chat accounts (the console's 管理 page), a page at a time.
import type { Db } from "../../infra/db.js";

export async function listPeople(db: Db, o: { skip: number; take: number; role?: "doctor" | "clinic_contact" | "leader" | "admin" }) {
  const where = o.role ? { role: o.role } : {};
  const [rows, total] = await Promise.all([
    db.person.findMany({
      where, orderBy: { id: "asc" }, skip: o.skip, take: o.take,
      select: { id: true, name: true, role: true, department: true, phone: true, organization: { select: { name: true } }, identities: { select: { platform: true } } },
    }),
    db.person.count({ where }),
  ]);
  return { rows, total };
}
