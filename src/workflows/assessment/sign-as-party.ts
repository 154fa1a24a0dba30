// One party signs an assessment at its step, from a card tap or the console's 考核 page: only a signer of
// the step due may sign it, once; then the next party is asked and the doctor told (through the outbox).
import { offersOpinion, partyOf, type SignStep } from "../../domain/assessment.js";
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

export type SignDeps = Pick<BotDeps, "db" | "now" | "tz">;
export type SignedVars = { doctor: string; form: string; step: string; opinion: string; time: string };
export type SignOutcome =
  | { signed: SignStep; next: SignStep | undefined; vars: SignedVars }
  | { refused: "unknown" | "complete" | "not_signer" | "not_due" | "not_on_scale"; form?: string; party?: string };

/** The doctor hears each signature. */
async function tellDoctor(deps: SignDeps, a: { postingId: number; doctor: string; doctorId: number }, text: string, key: string): Promise<void> {
  const now = deps.now();
  await writeNotifications(deps.db, { list: [{ kind: "assessment_progress", subject: `posting:${a.postingId}:person:${a.doctorId}`, period: key, to: { id: a.doctorId, name: a.doctor }, message: { text } }], dueAt: now, writtenAt: now });
}

export async function signAsParty(deps: SignDeps, signer: { id: number; name: string }, postingId: number, opinion: string): Promise<SignOutcome> {
  const a = await findAssessment(deps.db, postingId);
  if (!a) return { refused: "unknown" };
  if (a.submittedAt || !a.next) return { refused: "complete", form: a.form.name };
  // The form's own scale: 优秀 only where the programme's form prints it.
  const at = { form: a.form.name, party: partyOf(a.form, a.next) };
  if (!offersOpinion(a.form, opinion)) return { refused: "not_on_scale", ...at };
  const signers = await findAssessmentSigners(deps.db, a, a.next);
  if (!signers.some((s) => s.id === signer.id)) return { refused: "not_signer", ...at };
  const now = deps.now();
  const signed = await signAssessment(deps.db, { postingId: a.postingId, form: a.form, step: a.next, opinion, person: signer, at: now });
  if (signed === "no_summary") return { refused: "unknown" };
  if (signed === "not_due") return { refused: "not_due", ...at };
  const vars = { doctor: a.doctor, form: a.form.name, step: partyOf(a.form, signed.signed), opinion: render(cards(`assessment.opinion.${opinion}`)), time: formatTime(now, deps.tz) };
  if (signed.next) await askToSign(deps, (await findAssessment(deps.db, a.postingId))!, signed.next);
  await tellDoctor(deps, a, render(replies(signed.next ? "assessment.progress" : "assessment.progress.done", vars)), signed.signed);
  return { signed: signed.signed, next: signed.next, vars };
}
