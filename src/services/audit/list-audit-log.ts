// The audit log, newest first, a page at a time: filtered by who (actors' ids, already resolved from a
// name), by kind (the action's first word: posting, arrival, roster, …) and by day.
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";

export type AuditFilter = { actors?: string[]; kinds?: string[]; from?: Date; to?: Date };

function whereOf(f: AuditFilter): Prisma.AuditLogWhereInput {
  return {
    ...(f.actors ? { actor: { in: f.actors } } : {}),
    ...(f.kinds ? { OR: f.kinds.map((k) => ({ action: { startsWith: `${k}.` } })) } : {}),
    at: { gte: f.from, lt: f.to },
  };
}

export async function listAuditLog(db: Db, o: AuditFilter & { skip: number; take: number }) {
  const where = whereOf(o);
  const [rows, total] = await Promise.all([db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: o.skip, take: o.take }), db.auditLog.count({ where })]);
  return { rows, total };
}
