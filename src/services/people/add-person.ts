// people add: a leader, admin or clinic contact the rosters do not list, in an organisation (created
// with `kind` when new). Idempotent: the same name in the same organisation is updated.
import type { Db } from "../../infra/db.js";
import type { OrgKind, Role } from "../../generated/prisma/client.js";

export type NewPerson = { name: string; org: string; role: Role; department?: string; phone?: string; kind?: OrgKind; region?: string };

/** The person and their organisation, or undefined when the organisation is new and no kind was given. */
export async function addPerson(db: Db, p: NewPerson) {
  let org = await db.organization.findUnique({ where: { name: p.org } });
  if (!org && !p.kind) return undefined;
  org ??= await db.organization.create({ data: { name: p.org, kind: p.kind!, region: p.region } });
  const details = { role: p.role, department: p.department, phone: p.phone };
  const person = await db.person.upsert({
    where: { organizationId_name: { organizationId: org.id, name: p.name } },
    create: { name: p.name, organizationId: org.id, ...details },
    update: details,
  });
  return { person, org };
}
