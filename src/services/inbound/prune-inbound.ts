// Retention (RETENTION_DAYS): what came in from the platforms is kept for the period the law asks of
// logs (网络安全法 §21: at least six months), then let go. A message the workload ledger points to keeps
// its text (the ledger shows what an entry came from) but loses the platform's raw payload; the rest
// go. The ledger and the audit log themselves are never pruned. Reminders sent or cancelled that long ago
// (an unknown sender's note carries their text) and expired console sessions go too.
import { Prisma } from "../../generated/prisma/client.js";
import type { DbClient } from "../../infra/db.js";

export type Pruned = { messagesDeleted: number; payloadsCleared: number; notificationsDeleted: number; sessionsDeleted: number };

export async function pruneInbound(db: DbClient, before: Date): Promise<Pruned> {
  const old = { receivedAt: { lt: before }, outcome: { not: "received" as const } };
  const payloads = await db.inboundMessage.updateMany({ where: { ...old, entries: { some: {} }, payload: { not: Prisma.DbNull } }, data: { payload: Prisma.DbNull } });
  const messages = await db.inboundMessage.deleteMany({ where: { ...old, entries: { none: {} } } });
  const notifications = await db.notification.deleteMany({ where: { createdAt: { lt: before }, OR: [{ sentAt: { not: null } }, { cancelledAt: { not: null } }] } });
  const sessions = await db.consoleSession.deleteMany({ where: { expiresAt: { lt: before } } });
  return { messagesDeleted: messages.count, payloadsCleared: payloads.count, notificationsDeleted: notifications.count, sessionsDeleted: sessions.count };
}
