// A posting's assessment as its workflow sees it: the doctor, the posting's parties, the summary, who has
// signed what, and whose signature is due next.
import type { Db } from "../../infra/db.js";
import { nextStep, type SignStep, type Signoffs } from "../../domain/assessment.js";

export type AssessmentState = {
  postingId: number; doctor: string; doctorId: number; clinic: string; supportingOrgId: number; region: string | null;
  summary: string | null; signoffs: Signoffs; next: SignStep | undefined; submittedAt: Date | null;
  /** When the last step happened (the summary, or the latest signature): a chase waits a few days from it. */
  lastStepAt: Date | null;
};

export async function findAssessment(db: Db, postingId: number): Promise<AssessmentState | undefined> {
  const p = await db.posting.findUnique({
    where: { id: postingId },
    select: { id: true, personId: true, supportingOrgId: true, person: { select: { name: true } }, recipientOrg: { select: { name: true } }, programme: { select: { region: true } }, assessment: true },
  });
  if (!p) return undefined;
  const signoffs = (p.assessment?.signoffs ?? {}) as Signoffs;
  return {
    postingId: p.id, doctor: p.person.name, doctorId: p.personId, clinic: p.recipientOrg.name, supportingOrgId: p.supportingOrgId, region: p.programme.region,
    summary: p.assessment?.selfSummary ?? null, signoffs, next: p.assessment?.selfSummary ? nextStep(signoffs) : undefined, submittedAt: p.assessment?.submittedAt ?? null,
    lastStepAt: p.assessment ? new Date(Math.max(p.assessment.createdAt.getTime(), ...Object.values(signoffs).map((s) => Date.parse(s.at)))) : null,
  };
}
