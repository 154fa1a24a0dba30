// A programme as its rules are judged over: every posting (whichever file, call or edit made it) and
// every pairing, with the names a breach is told in.
import type { Db } from "../../infra/db.js";
import { fromDbDate } from "../../infra/time.js";
import type { ProgrammeState } from "../../domain/judge-programme.js";

/**
 * Flat reads, one after the other: this runs inside a change's transaction, on one connection that
 * takes one query at a time, and a read with relations would have Prisma send its parts at once.
 */
export async function loadProgrammeState(db: Db, programmeId: number): Promise<ProgrammeState> {
  const postings = await db.posting.findMany({
    where: { programmeId },
    select: { id: true, personId: true, pairingId: true, supportingOrgId: true, recipientOrgId: true, startDate: true, endDate: true, mode: true, scheduledWeekdays: true, status: true },
    orderBy: { id: "asc" },
  });
  const pairings = await db.pairing.findMany({ where: { programmeId }, select: { id: true, plannedDoctors: true, supportingOrgId: true, recipientOrgId: true }, orderBy: { id: "asc" } });
  const personIds = [...new Set(postings.map((p) => p.personId))];
  const orgIds = [...new Set([...postings, ...pairings].flatMap((p) => [p.supportingOrgId, p.recipientOrgId]))];
  const people = new Map((await db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const orgs = new Map((await db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  return {
    postings: postings.map((p) => ({
      id: p.id, personId: p.personId, person: people.get(p.personId)!, teamId: p.supportingOrgId, team: orgs.get(p.supportingOrgId)!, clinic: orgs.get(p.recipientOrgId)!, pairingId: p.pairingId,
      start: p.startDate && fromDbDate(p.startDate), end: p.endDate && fromDbDate(p.endDate), mode: p.mode, weekdays: p.scheduledWeekdays, status: p.status,
    })),
    pairings: pairings.map((p) => ({ id: p.id, teamId: p.supportingOrgId, team: orgs.get(p.supportingOrgId)!, clinic: orgs.get(p.recipientOrgId)!, planned: p.plannedDoctors })),
  };
}
