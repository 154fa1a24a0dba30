// 总结 …: the doctor's own summary for the programme's assessment form; its first box's party is then asked to sign.
import { replyOf } from "../../templates/render.js";
import { partyOf } from "../../domain/assessment.js";
import { findAssessment } from "../../services/assessment/find-assessment.js";
import { recordAssessmentSummary } from "../../services/assessment/record-assessment-summary.js";
import { answer, currentPostingOf, reject, type Command, type KnownContext } from "../context.js";
import { askToSign } from "../../workflows/assessment/ask-to-sign.js";

const say = replyOf("replies");

export const assessmentSummary: Command = {
  name: "assessment_summary",
  match: (text) => /^(?:总结|工作总结|个人总结)[\s:：]*([\s\S]*)$/.exec(text),
  async handle(ctx, match) {
    const known = ctx as KnownContext;
    const summary = match[1].trim();
    if (summary.length < 10) return reject("bad_summary", say("assessment.summary.usage"));
    const posting = await currentPostingOf(known);
    if (!posting) return reject("no_posting", say("no_posting"));
    const recorded = await recordAssessmentSummary(ctx.deps.db, { postingId: posting.id, personId: known.sender.id, summary: summary.slice(0, 4000), at: ctx.deps.now() });
    if (recorded === "signed_already") return reject("assessment_signed", say("assessment.summary.signed_already"));
    const state = (await findAssessment(ctx.deps.db, posting.id))!;
    await askToSign(ctx.deps, state, state.next!);
    return answer("command", say("assessment.summary.done", { form: state.form.name, step: partyOf(state.form, state.next!) }));
  },
};
