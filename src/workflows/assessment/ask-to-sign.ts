// The next party of an assessment gets its card through the outbox (sent within the minute, held over
// quiet hours); with nobody registered for that step, the bureau's admins do (find-assessment-signers).
import { assessmentCard } from "../../cards/build.js";
import type { SignStep } from "../../domain/assessment.js";
import type { AssessmentState } from "../../services/assessment/find-assessment.js";
import { findAssessmentSigners } from "../../services/assessment/find-assessment-signers.js";
import { writeNotifications } from "../../services/notifications/write-notifications.js";
import type { BotDeps } from "../../bot/context.js";

export async function askToSign(deps: Pick<BotDeps, "db" | "now">, a: AssessmentState, step: SignStep): Promise<void> {
  const db = deps.db;
  const to = await findAssessmentSigners(db, a, step);
  const now = deps.now();
  const list = to.map((person) => ({
    kind: "assessment_sign", subject: `posting:${a.postingId}:${step}:person:${person.id}`, period: step, to: person,
    message: { card: assessmentCard({ postingId: a.postingId, doctor: a.doctor, clinic: a.clinic, form: a.form, step, summary: a.summary ?? "" }) },
  }));
  await writeNotifications(db, { list, dueAt: now, writtenAt: now });
}
