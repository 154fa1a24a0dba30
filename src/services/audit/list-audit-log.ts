// The audit log, newest first, a page at a time.
import type { Db } from "../../infra/db.js";

export async function listAuditLog(db: Db, o: { skip: number; take: number }) {
  const [rows, total] = await Promise.all([db.auditLog.findMany({ orderBy: { id: "desc" }, skip: o.skip, take: o.take }), db.auditLog.count()]);
  return { rows, total };
}
