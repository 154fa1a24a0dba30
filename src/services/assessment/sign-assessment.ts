// A party signs the assessment at its step, with its opinion: conditional on that step still being the
// one due on the programme's form, so a double tap or two signers at once sign it once. The last box's
// signature submits it. Audited.
import type { DbClient } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { nextStep, type AssessmentForm, type Opinion, type SignStep, type Signoffs } from "../../domain/assessment.js";
import { audit } from "../audit/audit.js";

export type Signed = { signed: SignStep; next: SignStep | undefined } | "not_due" | "no_summary";

export async function signAssessment(db: DbClient, o: { postingId: number; form: Pick<AssessmentForm, "boxes">; step: SignStep; opinion: Opinion; person: { id: number; name: string }; at: Date }): Promise<Signed> {
  return db.$transaction(async (tx) => {
    // The row lock orders concurrent signers: the second reads the first's signature.
    await tx.$queryRaw`SELECT id FROM "Assessment" WHERE "postingId" = ${o.postingId} FOR UPDATE`;
    const row = await tx.assessment.findUnique({ where: { postingId: o.postingId } });
    if (!row?.selfSummary) return "no_summary";
    const signoffs = (row.signoffs ?? {}) as Signoffs;
    if (nextStep(o.form, signoffs) !== o.step) return "not_due";
    const updated: Signoffs = { ...signoffs, [o.step]: { by: o.person.name, byId: o.person.id, opinion: o.opinion, at: o.at.toISOString() } };
    const next = nextStep(o.form, updated);
    await tx.assessment.update({ where: { postingId: o.postingId }, data: { signoffs: updated as Prisma.InputJsonValue, submittedAt: next ? null : o.at } });
    await audit(tx, `person:${o.person.id}`, `assessment.sign.${o.step}`, `posting:${o.postingId}`, { opinion: o.opinion });
    return { signed: o.step, next };
  });
}
