// A message from an account on no roster: one admin notice per account per day, however many it sends.
import type { Db } from "../../infra/db.js";
import type { Platform } from "../../generated/prisma/client.js";

export async function noteUnknownSender(db: Db, o: { platform: Platform; senderId: string; text: string; today: string }): Promise<void> {
  await db.notification.createMany({
    data: [{ kind: "unknown_sender", subject: `${o.platform}:${o.senderId}`, period: o.today, payload: { text: o.text.slice(0, 200) } }],
    skipDuplicates: true,
  });
}
