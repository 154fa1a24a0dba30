// The one place a message's outcome is written: recorded, rejected, a command, a query, a duplicate…
import type { Db } from "../../infra/db.js";
import type { InboundOutcome } from "../../generated/prisma/client.js";

export async function markOutcome(db: Db, id: number, outcome: InboundOutcome, extra: { reason?: string; personId?: number } = {}): Promise<void> {
  await db.inboundMessage.update({ where: { id }, data: { outcome, ...extra, processedAt: new Date() } });
}
