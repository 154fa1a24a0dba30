// A clinic as a person writes it: its full name, or the one clinic whose full name contains what was
// written (江口镇中心卫生院 → 云阳县江口镇中心卫生院); undefined when there is none, or several.
import type { Db } from "../../infra/db.js";

export async function findClinic(db: Db, written: string): Promise<{ id: number; name: string } | undefined> {
  const clinics = await db.organization.findMany({ where: { kind: "recipient", name: { contains: written } }, select: { id: true, name: true } });
  return clinics.find((c) => c.name === written) ?? (clinics.length === 1 ? clinics[0] : undefined);
}
