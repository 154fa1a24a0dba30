// Who signs a step of an assessment: the clinic's contact (受援乡镇卫生院), the bureau (受援/派出 区县卫生健康
// 行政部门: the programme region's authority, both sides until a county registers its own), and the
// supporting hospital's leaders (派出人员所在单位). With nobody registered for a step, the admins sign it.
import type { Db } from "../../infra/db.js";
import type { SignStep } from "../../domain/assessment.js";
import { findArrivalPosting } from "../postings/find-arrival-posting.js";
import { findBureauPeople } from "../people/find-bureau-people.js";
import { findClinicContacts } from "../people/find-clinic-contacts.js";
import { findLeaders, type Recipient } from "../people/find-leaders.js";

export async function findAssessmentSigners(db: Db, o: { postingId: number; supportingOrgId: number; region: string | null; step: SignStep }): Promise<Recipient[]> {
  const signers = await registeredSigners(db, o);
  return signers.length > 0 ? signers : findBureauPeople(db, { adminsOnly: true });
}

async function registeredSigners(db: Db, o: { postingId: number; supportingOrgId: number; region: string | null; step: SignStep }): Promise<Recipient[]> {
  if (o.step === "clinic") {
    const posting = await findArrivalPosting(db, o.postingId);
    return posting ? findClinicContacts(db, posting) : [];
  }
  if (o.step === "supporting") return findLeaders(db, o.supportingOrgId);
  return findBureauPeople(db, { region: o.region });
}
