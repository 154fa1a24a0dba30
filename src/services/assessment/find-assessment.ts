// A posting's assessment as its workflow sees it: the doctor, the posting's parties and the counties they
// lie in, the programme's form, the summary, who has signed what, and whose signature is due next.
import type { Db } from "../../infra/db.js";
import { nextStep, type AssessmentForm, type SignStep, type Signoffs } from "../../domain/assessment.js";
import { findAssessmentForm } from "./find-assessment-form.js";

export type AssessmentState = {
  postingId: number; doctor: string; doctorId: number; clinic: string; supportingOrgId: number; region: string | null;
  /** 所在区县 of each side (the organisation's, else the programme's region): whose bureau signs which box. */
  counties: { recipient: string | null; supporting: string | null };
  form: AssessmentForm;
  summary: string | null; signoffs: Signoffs; next: SignStep | undefined; submittedAt: Date | null;
  /** When the last step happened (the summary, or the latest signature): a chase waits a few days from it. */
  lastStepAt: Date | null;
};

export async function findAssessment(db: Db, postingId: number): Promise<AssessmentState | undefined> {
  const p = await db.posting.findUnique({
    where: { id: postingId },
    select: {
      id: true, personId: true, programmeId: true, supportingOrgId: true, person: { select: { name: true } }, recipientOrg: { select: { name: true, county: true } },
      supportingOrg: { select: { county: true } }, programme: { select: { region: true } }, assessment: true,
    },
  });
  if (!p) return undefined;
  const form = await findAssessmentForm(db, p.programmeId);
  const signoffs = (p.assessment?.signoffs ?? {}) as Signoffs;
  const region = p.programme.region;
  return {
    postingId: p.id, doctor: p.person.name, doctorId: p.personId, clinic: p.recipientOrg.name, supportingOrgId: p.supportingOrgId, region,
    counties: { recipient: p.recipientOrg.county ?? region, supporting: p.supportingOrg.county ?? region }, form,
    summary: p.assessment?.selfSummary ?? null, signoffs, next: p.assessment?.selfSummary ? nextStep(form, signoffs) : undefined, submittedAt: p.assessment?.submittedAt ?? null,
    lastStepAt: p.assessment ? new Date(Math.max(p.assessment.createdAt.getTime(), ...Object.values(signoffs).map((s) => Date.parse(s.at)))) : null,
  };
}
