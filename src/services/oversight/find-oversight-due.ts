// What oversight this quarter still owes, for the postings in a scope: clinics with a doctor posted and no
// supervision visit yet, and supporting hospitals with no meeting yet (where the programme asks for them).
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { dbDate, type LocalDate } from "../../infra/time.js";
import { inForceDuring } from "../where.js";

export async function findOversightDue(db: Db, o: { scope: Prisma.PostingWhereInput; from: LocalDate; to: LocalDate; meetingsAsked: (programmeId: number) => Promise<boolean> }) {
  const running = await db.posting.findMany({
    where: { AND: [o.scope, { status: { in: ["planned", "arrived"] } }, inForceDuring(o.to)] },
    select: { programmeId: true, recipientOrg: { select: { id: true, name: true } }, supportingOrg: { select: { id: true, name: true } } },
  });
  const span = { gte: dbDate(o.from), lte: dbDate(o.to) };
  const clinics = new Map(running.map((p) => [p.recipientOrg.id, p.recipientOrg.name]));
  const asked = new Map<number, boolean>();
  for (const id of new Set(running.map((p) => p.programmeId))) asked.set(id, await o.meetingsAsked(id));
  const hospitals = new Map(running.filter((p) => asked.get(p.programmeId)).map((p) => [p.supportingOrg.id, p.supportingOrg.name]));
  const visited = new Set((await db.supervisionVisit.findMany({ where: { recipientOrgId: { in: [...clinics.keys()] }, visitedOn: span }, select: { recipientOrgId: true } })).map((v) => v.recipientOrgId));
  const met = new Set((await db.meeting.findMany({ where: { supportingOrgId: { in: [...hospitals.keys()] }, heldOn: span }, select: { supportingOrgId: true } })).map((m) => m.supportingOrgId));
  return {
    visits: [...clinics].filter(([id]) => !visited.has(id)).map(([, name]) => name),
    meetings: [...hospitals].filter(([id]) => !met.has(id)).map(([, name]) => name),
  };
}
