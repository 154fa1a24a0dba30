// The text of a stored message (确认 records the report it held back).
import type { Db } from "../../infra/db.js";

export async function findInboundText(db: Db, id: number): Promise<string | undefined> {
  const row = await db.inboundMessage.findUnique({ where: { id }, select: { text: true } });
  return row?.text;
}
