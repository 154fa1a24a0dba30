// The actors an audit filter by name means: everyone whose name holds the text (in chat and in the
// console), and the admin's own actors when the text names the admin (`adminWords`: 管理员, …).
import type { Db } from "../../infra/db.js";

const ADMIN_ACTORS = ["admin", "console:admin", "cli"];

export async function findAuditActors(db: Db, text: string, adminWords: string[]): Promise<string[]> {
  const people = await db.person.findMany({ where: { name: { contains: text } }, select: { id: true }, take: 500 });
  const admin = adminWords.some((w) => w.includes(text)) ? ADMIN_ACTORS : [];
  return [...people.flatMap((p) => [`person:${p.id}`, `console:person:${p.id}`]), ...admin];
}
