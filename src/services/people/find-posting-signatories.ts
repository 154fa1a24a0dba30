// Who answers for a posting, box by box, and where each would be registered when nobody is: the
// assessment's boxes (the clinic's contact, the hospital's leader, each county's bureau) and the
// leave approver the programme names. The console's 签署人与审批人 lists these, and a clerk names the
// missing ones where they belong (a clinic contact at the clinic, a leader at the hospital or bureau).
import type { Db } from "../../infra/db.js";
import type { Role } from "../../generated/prisma/client.js";
import type { SignStep } from "../../domain/assessment.js";
import { findAssessment } from "../assessment/find-assessment.js";
import { registeredSigners } from "../assessment/find-assessment-signers.js";
import { findProgrammeRules } from "../programme/find-programme-rules.js";
import { findArrivalPosting } from "../postings/find-arrival-posting.js";
import { findClinicContacts } from "./find-clinic-contacts.js";
import { findLeaders, type Recipient } from "./find-leaders.js";
import { findBureauPeople } from "./find-bureau-people.js";

/** Where a missing signatory is registered: an organisation (or, for a county with no bureau yet, the county), and the role. */
export type Seat = { organizationId: number | null; organization: string | null; county: string | null; role: Role };
export type Signatory = Seat & { step: string; label: string; people: Recipient[] };

async function countyBureau(db: Db, county: string | null) {
  return county ? db.organization.findFirst({ where: { kind: "authority", region: county }, select: { id: true, name: true }, orderBy: { id: "asc" } }) : null;
}

export async function findPostingSignatories(db: Db, postingId: number): Promise<{ boxes: Signatory[]; leave: Signatory }> {
  const a = (await findAssessment(db, postingId))!;
  const p = await db.posting.findUniqueOrThrow({ where: { id: postingId }, select: { supportingOrg: { select: { id: true, name: true } }, recipientOrg: { select: { id: true, name: true } }, programme: { select: { id: true, region: true } } } });
  const seat = async (step: SignStep | "bureau"): Promise<Seat> => {
    if (step === "clinic") return { organizationId: p.recipientOrg.id, organization: p.recipientOrg.name, county: null, role: "clinic_contact" };
    if (step === "supporting") return { organizationId: p.supportingOrg.id, organization: p.supportingOrg.name, county: null, role: "leader" };
    const county = step === "recipient_bureau" ? a.counties.recipient : step === "supporting_bureau" ? a.counties.supporting : p.programme.region;
    const org = await countyBureau(db, county);
    return { organizationId: org?.id ?? null, organization: org?.name ?? null, county, role: "leader" };
  };
  const boxes = await Promise.all(a.form.boxes.map(async (b) => ({ step: b.signer, label: b.label, ...(await seat(b.signer)), people: await registeredSigners(db, a, b.signer) })));
  const approver = (await findProgrammeRules(db, { id: p.programme.id }))?.leave?.approver ?? "clinic_contact";
  const posting = (await findArrivalPosting(db, postingId))!;
  const people = approver === "clinic_contact" ? await findClinicContacts(db, posting) : approver === "hospital_leader" ? await findLeaders(db, p.supportingOrg.id) : await findBureauPeople(db, { region: p.programme.region });
  const leaveSeat = await seat(approver === "clinic_contact" ? "clinic" : approver === "hospital_leader" ? "supporting" : "bureau");
  return { boxes, leave: { step: approver, label: "", ...leaveSeat, people } };
}
