// The people on the roster with their roles and chat accounts (the console's 管理 page), a page at a time.
import type { Db } from "../../infra/db.js";

/** `name`, `org`: any part of the person's or their organisation's name. */
export async function listPeople(db: Db, o: { skip: number; take: number; role?: "doctor" | "clinic_contact" | "leader" | "admin"; name?: string; org?: string }) {
  const where = { role: o.role, name: o.name ? { contains: o.name } : undefined, organization: o.org ? { name: { contains: o.org } } : undefined };
  const [rows, total] = await Promise.all([
    db.person.findMany({
      where, orderBy: { id: "asc" }, skip: o.skip, take: o.take,
      select: { id: true, name: true, role: true, department: true, phone: true, organization: { select: { name: true } }, identities: { select: { platform: true } } },
    }),
    db.person.count({ where }),
  ]);
  return { rows, total };
}
