// A person's accounts on the given chat platforms.
import type { Db } from "../../infra/db.js";
import type { Platform } from "../../generated/prisma/client.js";

export async function findChatIdentities(db: Db, personId: number, platforms: Platform[]) {
  return db.chatIdentity.findMany({ where: { personId, platform: { in: platforms } }, select: { platform: true, externalUserId: true } });
}
