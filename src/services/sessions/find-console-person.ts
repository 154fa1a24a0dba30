// The person behind a console session, with what decides their scope: role, department, organisation.
import type { Db } from "../../infra/db.js";
import type { Role } from "../../generated/prisma/client.js";
import type { ScopeOrg } from "../where.js";

export type ConsolePerson = { id: number; name: string; role: Role; department: string | null; organization: ScopeOrg };

export async function findConsolePerson(db: Db, id: number): Promise<ConsolePerson | undefined> {
  const p = await db.person.findUnique({
    where: { id }, select: { id: true, name: true, role: true, department: true, organization: { select: { id: true, name: true, kind: true, region: true } } },
  });
  return p ?? undefined;
}
