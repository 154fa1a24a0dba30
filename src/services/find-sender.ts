// Who is talking: chat identities link platform accounts to roster people (one person, many platforms).
import type { Db } from "../infra/db.js";
import type { Platform, Role } from "../generated/prisma/client.js";

export type Sender = { id: number; name: string; role: Role; organizationName: string };

/** Who sent a message: one query (every report asks it first). */
export async function findSender(db: Db, platform: Platform, externalUserId: string): Promise<Sender | undefined> {
  const [sender] = await db.$queryRaw<Sender[]>`
    SELECT p.id, p.name, p.role::text AS role, o.name AS "organizationName"
    FROM "ChatIdentity" c JOIN "Person" p ON p.id = c."personId" JOIN "Organization" o ON o.id = p."organizationId"
    WHERE c.platform::text = ${platform} AND c."externalUserId" = ${externalUserId}`;
  return sender;
}
