// A card submission kept on its stored message as the report it stands for, so 确认 can re-read it.
import type { Db } from "../../infra/db.js";

export async function setInboundText(db: Db, id: number, text: string): Promise<void> {
  await db.inboundMessage.update({ where: { id }, data: { text } });
}
