// A programme as its rules are judged over: every posting (whichever file, call or edit made it) and
// every pairing, with the names a breach is told in.
import type { Db } from "../../infra/db.js";
import { fromDbDate } from "../../infra/time.js";
import type { ProgrammeState } from "../../domain/judge-programme.js";

export async function loadProgrammeState(db: Db, programmeId: number): Promise<ProgrammeState> {
  // One after the other: inside a transaction both go over one connection, which takes one query at a time.
  const postings = await db.posting.findMany({
    where: { programmeId },
    select: { id: true, personId: true, pairingId: true, supportingOrgId: true, startDate: true, endDate: true, mode: true, scheduledWeekdays: true, status: true,
      person: { select: { name: true } }, supportingOrg: { select: { name: true } }, recipientOrg: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  const pairings = await db.pairing.findMany({ where: { programmeId }, select: { id: true, plannedDoctors: true, supportingOrgId: true, supportingOrg: { select: { name: true } }, recipientOrg: { select: { name: true } } }, orderBy: { id: "asc" } });
  return {
    postings: postings.map((p) => ({
      id: p.id, personId: p.personId, person: p.person.name, teamId: p.supportingOrgId, team: p.supportingOrg.name, clinic: p.recipientOrg.name, pairingId: p.pairingId,
      start: p.startDate && fromDbDate(p.startDate), end: p.endDate && fromDbDate(p.endDate), mode: p.mode, weekdays: p.scheduledWeekdays, status: p.status,
    })),
    pairings: pairings.map((p) => ({ id: p.id, teamId: p.supportingOrgId, team: p.supportingOrg.name, clinic: p.recipientOrg.name, planned: p.plannedDoctors })),
  };
}
