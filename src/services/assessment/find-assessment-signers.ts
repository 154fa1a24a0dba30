// Who signs a box of an assessment: the clinic's contacts, the supporting hospital's leaders, or a county's
// bureau: the recipient side's county for 受援区县, the sending side's for 派出区县 (a roster spanning two
// counties has two bureaus, and neither signs the other's box). With nobody registered, the admins sign.
import type { Db } from "../../infra/db.js";
import type { SignStep } from "../../domain/assessment.js";
import { findArrivalPosting } from "../postings/find-arrival-posting.js";
import { findBureauPeople } from "../people/find-bureau-people.js";
import { findClinicContacts } from "../people/find-clinic-contacts.js";
import { findLeaders, type Recipient } from "../people/find-leaders.js";
import type { AssessmentState } from "./find-assessment.js";

type Parties = Pick<AssessmentState, "postingId" | "supportingOrgId" | "counties">;

export async function findAssessmentSigners(db: Db, a: Parties, step: SignStep): Promise<Recipient[]> {
  const signers = await registeredSigners(db, a, step);
  return signers.length > 0 ? signers : findBureauPeople(db, { adminsOnly: true });
}

/** The people registered for the box (no admins standing in): the console shows who is missing. */
export async function registeredSigners(db: Db, a: Parties, step: SignStep): Promise<Recipient[]> {
  if (step === "clinic") {
    const posting = await findArrivalPosting(db, a.postingId);
    return posting ? findClinicContacts(db, posting) : [];
  }
  if (step === "supporting") return findLeaders(db, a.supportingOrgId);
  const county = step === "recipient_bureau" ? a.counties.recipient : a.counties.supporting;
  return county ? findCountyBureau(db, county) : [];
}

/** The bureau of exactly this county: a bureau of no region, or of another, does not sign in its name. */
function findCountyBureau(db: Db, county: string): Promise<Recipient[]> {
  return db.person.findMany({
    where: { role: { in: ["leader", "admin"] }, organization: { kind: "authority", region: county } },
    select: { id: true, name: true }, orderBy: { id: "asc" },
  });
}
