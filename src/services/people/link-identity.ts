// 绑定: this chat account is now this roster person.
import type { Db } from "../../infra/db.js";
import type { Platform } from "../../generated/prisma/client.js";

export async function linkIdentity(db: Db, platform: Platform, externalUserId: string, personId: number): Promise<void> {
  await db.chatIdentity.upsert({
    where: { platform_externalUserId: { platform, externalUserId } },
    create: { platform, externalUserId, personId },
    update: { personId },
  });
}
