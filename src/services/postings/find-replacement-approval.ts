// The supporting hospital's approval of a replacement, if it was given (the latest).
import type { Db } from "../../infra/db.js";
import { HOSPITAL_APPROVAL } from "./approve-replacement.js";

export async function findReplacementApproval(db: Db, postingId: number): Promise<{ actor: string; note: string; at: Date } | undefined> {
  const row = await db.auditLog.findFirst({ where: { action: HOSPITAL_APPROVAL, subject: `posting:${postingId}` }, orderBy: { id: "desc" } });
  return row ? { actor: row.actor, note: String((row.data as { note?: string } | null)?.note ?? ""), at: row.at } : undefined;
}
