// The leaders who get a weekly digest, with what they lead, and not yet sent this week's.
import type { Db } from "../../infra/db.js";
import type { ScopeOrg } from "../where.js";

export type Leader = { id: number; name: string; department: string | null; organization: ScopeOrg };

export async function findDigestLeaders(db: Db, monday: string): Promise<Leader[]> {
  const leaders = await db.person.findMany({
    where: { role: "leader" }, select: { id: true, name: true, department: true, organization: { select: { id: true, name: true, kind: true, region: true } } }, orderBy: { id: "asc" },
  });
  const sent = await db.notification.findMany({ where: { kind: "digest", period: monday, subject: { in: leaders.map((l) => `person:${l.id}`) } }, select: { subject: true } });
  const done = new Set(sent.map((n) => n.subject));
  return leaders.filter((l) => !done.has(`person:${l.id}`));
}
