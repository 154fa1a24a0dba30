// Who changed what, when (AuditLog): every write through the admin API or the CLI's admin commands.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../infra/db.js";

export async function audit(db: Db, actor: string, action: string, subject: string, data?: Prisma.InputJsonValue): Promise<void> {
  await db.auditLog.create({ data: { actor, action, subject, data } });
}
