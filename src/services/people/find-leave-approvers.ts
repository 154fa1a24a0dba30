// Who approves a doctor's leave: the approver the programme's document names (盐池's leave procedure),
// or, where it names none, the clinic's contact; and who is told (the clinic's contact and the
// supporting hospital's leaders, where they are not the approvers). With no approver registered, the
// admins approve.
import type { Db } from "../../infra/db.js";
import { findArrivalPosting } from "../postings/find-arrival-posting.js";
import { findBureauPeople } from "./find-bureau-people.js";
import { findClinicContacts } from "./find-clinic-contacts.js";
import { findLeaders, type Recipient } from "./find-leaders.js";
import { findProgrammeRules } from "../programme/find-programme-rules.js";

export async function findLeaveApprovers(db: Db, postingId: number): Promise<{ approvers: Recipient[]; told: Recipient[] }> {
  const p = await db.posting.findUniqueOrThrow({ where: { id: postingId }, select: { supportingOrgId: true, programme: { select: { id: true, region: true } } } });
  const approver = (await findProgrammeRules(db, { id: p.programme.id }))?.leave?.approver ?? "clinic_contact";
  const posting = await findArrivalPosting(db, postingId);
  const contacts = posting ? await findClinicContacts(db, posting) : [];
  const leaders = await findLeaders(db, p.supportingOrgId);
  const named = approver === "clinic_contact" ? contacts : approver === "hospital_leader" ? leaders : await findBureauPeople(db, { region: p.programme.region });
  const approvers = named.length > 0 ? named : await findBureauPeople(db, { adminsOnly: true });
  const told = [...contacts, ...leaders].filter((person) => !approvers.some((a) => a.id === person.id));
  return { approvers, told };
}
