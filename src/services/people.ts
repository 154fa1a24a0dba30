// Who is talking: chat identities link platform accounts to roster people (one person, many platforms).
import type { Db } from "../infra/db.js";
import type { Platform, Role } from "../generated/prisma/client.js";

export type Sender = { id: number; name: string; role: Role; organizationName: string };

const SENDER_SELECT = { id: true, name: true, role: true, organization: { select: { name: true } } } as const;

function toSender(p: { id: number; name: string; role: Role; organization: { name: string } }): Sender {
  return { id: p.id, name: p.name, role: p.role, organizationName: p.organization.name };
}

/** Who sent a message: one query (every report asks it first). */
export async function findSender(db: Db, platform: Platform, externalUserId: string): Promise<Sender | undefined> {
  const [sender] = await db.$queryRaw<Sender[]>`
    SELECT p.id, p.name, p.role::text AS role, o.name AS "organizationName"
    FROM "ChatIdentity" c JOIN "Person" p ON p.id = c."personId" JOIN "Organization" o ON o.id = p."organizationId"
    WHERE c.platform::text = ${platform} AND c."externalUserId" = ${externalUserId}`;
  return sender;
}

export async function linkIdentity(db: Db, platform: Platform, externalUserId: string, personId: number): Promise<void> {
  await db.chatIdentity.upsert({
    where: { platform_externalUserId: { platform, externalUserId } },
    create: { platform, externalUserId, personId },
    update: { personId },
  });
}

/** People with this name whose phone ends in these four digits (绑定). */
export async function findByNameAndPhoneTail(db: Db, name: string, tail: string): Promise<Sender[]> {
  const people = await db.person.findMany({ where: { name, phone: { endsWith: tail } }, select: SENDER_SELECT });
  return people.map(toSender);
}

/** For the console channel: a name or a full phone number. */
export async function findByNameOrPhone(db: Db, who: string): Promise<Sender[]> {
  const people = await db.person.findMany({
    where: { OR: [{ name: who }, { phone: who }] },
    select: SENDER_SELECT,
    orderBy: { id: "asc" },
  });
  return people.map(toSender);
}
