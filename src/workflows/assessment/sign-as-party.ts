// One party signs an assessment at its step, from a card tap or the console's 考核 page: only a signer of
// the step due may sign it, once; then the next party is asked and the doctor told (through the outbox).
import { OPINIONS, type Opinion, type SignStep } from "../../domain/assessment.js";
import { formatTime } from "../../templates/phrases.js";
import { render, replyOf } from "../../templates/render.js";
import { findAssessment } from "../../services/assessment/find-assessment.js";
import { findAssessmentSigners } from "../../services/assessment/find-assessment-signers.js";
import { signAssessment } from "../../services/assessment/sign-assessment.js";
import { writeNotifications } from "../../services/notifications/write-notifications.js";
import type { BotDeps } from "../../bot/context.js";
import { askToSign } from "./ask-to-sign.js";

const replies = replyOf("replies");
const cards = replyOf("cards");

export const isOpinion = (key: string): key is Opinion => (OPINIONS as readonly string[]).includes(key);

export type SignDeps = Pick<BotDeps, "db" | "now" | "tz">;
export type SignedVars = { doctor: string; step: string; opinion: string; time: string };
export type SignOutcome =
  | { signed: SignStep; next: SignStep | undefined; vars: SignedVars }
  | { refused: "unknown" | "complete" | "not_signer" | "not_due"; step?: SignStep };

/** The doctor hears each signature. */
async function tellDoctor(deps: SignDeps, a: { postingId: number; doctor: string; doctorId: number }, text: string, key: string): Promise<void> {
  const now = deps.now();
  await writeNotifications(deps.db, { list: [{ kind: "assessment_progress", subject: `posting:${a.postingId}:person:${a.doctorId}`, period: key, to: { id: a.doctorId, name: a.doctor }, message: { text } }], dueAt: now, writtenAt: now });
}

export async function signAsParty(deps: SignDeps, signer: { id: number; name: string }, postingId: number, opinion: Opinion): Promise<SignOutcome> {
  const a = await findAssessment(deps.db, postingId);
  if (!a) return { refused: "unknown" };
  if (a.submittedAt || !a.next) return { refused: "complete" };
  const signers = await findAssessmentSigners(deps.db, { postingId: a.postingId, supportingOrgId: a.supportingOrgId, region: a.region, step: a.next });
  if (!signers.some((s) => s.id === signer.id)) return { refused: "not_signer", step: a.next };
  const now = deps.now();
  const signed = await signAssessment(deps.db, { postingId: a.postingId, step: a.next, opinion, person: signer, at: now });
  if (signed === "no_summary") return { refused: "unknown" };
  if (signed === "not_due") return { refused: "not_due", step: a.next };
  const vars = { doctor: a.doctor, step: render(cards(`assessment.step.${signed.signed}`)), opinion: render(cards(`assessment.opinion.${opinion}`)), time: formatTime(now, deps.tz) };
  if (signed.next) await askToSign(deps, (await findAssessment(deps.db, a.postingId))!, signed.next);
  await tellDoctor(deps, a, render(signed.next ? replies("assessment.progress", vars) : replies("assessment.progress.done")), signed.signed);
  return { signed: signed.signed, next: signed.next, vars };
}
