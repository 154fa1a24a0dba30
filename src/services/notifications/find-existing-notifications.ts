// Which of these reminders are written already (a dry run shows only the new ones).
import type { Db } from "../../infra/db.js";
import { notificationKey } from "./write-notifications.js";

const CHUNK = 1000;

export async function findExistingNotifications(db: Db, list: { kind: string; subject: string; period: string }[]): Promise<Set<string>> {
  const existing = new Set<string>();
  for (let i = 0; i < list.length; i += CHUNK) {
    const chunk = list.slice(i, i + CHUNK);
    const rows = await db.notification.findMany({
      where: { kind: { in: [...new Set(chunk.map((o) => o.kind))] }, subject: { in: chunk.map((o) => o.subject) } },
      select: { kind: true, subject: true, period: true },
    });
    for (const r of rows) existing.add(notificationKey(r));
  }
  return existing;
}
