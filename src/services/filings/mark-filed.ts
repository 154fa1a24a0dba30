// A filing marked 已报送, with a note: once (a second mark finds it filed and changes nothing), audited.
import type { DbClient } from "../../infra/db.js";
import { audit } from "../audit/audit.js";

export async function markFiled(db: DbClient, o: { id: number; note: string; actor: string; at: Date }): Promise<"filed" | "already"> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.filing.updateMany({ where: { id: o.id, filedAt: null }, data: { filedAt: o.at, filedBy: o.actor, note: o.note } });
    if (count === 0) return "already";
    await audit(tx, o.actor, "filing.filed", `filing:${o.id}`, { note: o.note });
    return "filed";
  });
}
