// 合格 / 基本合格 / 不合格 on an assessment card: the party whose step is due signs with that opinion; the
// next party is asked, and the doctor told. Only a signer of the step may sign it, once.
import type { ParsedTaskId } from "../../../cards/card.js";
import { OPINIONS, type Opinion } from "../../../domain/assessment.js";
import { formatTime } from "../../../templates/phrases.js";
import { render, replyOf } from "../../../templates/render.js";
import { findAssessment } from "../../../services/find-assessment.js";
import { findAssessmentSigners } from "../../../services/find-assessment-signers.js";
import { signAssessment } from "../../../services/sign-assessment.js";
import { writeNotifications } from "../../../services/write-notifications.js";
import { answer, type CommandResult, type KnownContext } from "../../context.js";
import { askToSign } from "../ask-to-sign.js";
import { card, refuse } from "./refuse.js";

const replies = replyOf("replies");
const isOpinion = (key: string): key is Opinion => (OPINIONS as readonly string[]).includes(key);

async function mayTake(ctx: KnownContext, a: NonNullable<Awaited<ReturnType<typeof findAssessment>>>): Promise<boolean> {
  const signers = await findAssessmentSigners(ctx.deps.db, { postingId: a.postingId, supportingOrgId: a.supportingOrgId, region: a.region, step: a.next! });
  return signers.some((s) => s.id === ctx.sender.id);
}

/** The doctor hears each signature, through the outbox. */
async function tellDoctor(ctx: KnownContext, a: { postingId: number; doctor: string; doctorId: number }, text: string, key: string): Promise<void> {
  const now = ctx.deps.now();
  await writeNotifications(ctx.deps.db, { list: [{ kind: "assessment_progress", subject: `posting:${a.postingId}:person:${a.doctorId}`, period: key, to: { id: a.doctorId, name: a.doctor }, message: { text } }], dueAt: now, writtenAt: now });
}

export async function tapAssessment(ctx: KnownContext, tapped: ParsedTaskId, key: string): Promise<CommandResult> {
  const a = await findAssessment(ctx.deps.db, tapped.subject);
  if (!a || !isOpinion(key)) return refuse("unknown_card");
  if (a.submittedAt || !a.next) return refuse("assessment_complete", "assessment.complete");
  if (!(await mayTake(ctx, a))) return refuse("not_signer", "assessment.not_signer", { step: card(`assessment.step.${a.next}`) });
  const now = ctx.deps.now();
  const signed = await signAssessment(ctx.deps.db, { postingId: a.postingId, step: a.next, opinion: key, person: ctx.sender, at: now });
  if (signed === "no_summary") return refuse("unknown_card");
  if (signed === "not_due") return refuse("not_due", "assessment.not_due", { step: card(`assessment.step.${a.next}`) });
  const vars = { doctor: a.doctor, step: card(`assessment.step.${signed.signed}`), opinion: card(`assessment.opinion.${key}`), time: formatTime(now, ctx.deps.tz) };
  if (signed.next) await askToSign(ctx, (await findAssessment(ctx.deps.db, a.postingId))!, signed.next);
  const progress = signed.next ? replies("assessment.progress", vars) : replies("assessment.progress.done");
  await tellDoctor(ctx, a, render(progress), signed.signed);
  return { ...answer("command", card(signed.next ? "assessment.signed" : "assessment.signed.all", vars)), cardUpdate: card("assessment.done", { name: ctx.sender.name, opinion: vars.opinion, time: vars.time }) };
}
