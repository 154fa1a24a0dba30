// The assessment (考核鉴定表) is due at the posting's end: the doctor is asked for the summary 14 days
// before; once it is in, a party that has not signed three days after its turn came gets its card again,
// once a week, until the fourth signature.
import { addDays, dayjs, daysBetween, dbDate, fromDbDate, localDate } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { formatDay } from "../../templates/phrases.js";
import type { Job, JobContext } from "../job.js";
import { assessmentCard } from "../../cards/build.js";
import { findAssessment, type AssessmentState } from "../../services/assessment/find-assessment.js";
import { findAssessmentSigners } from "../../services/assessment/find-assessment-signers.js";
import { findRunningPostings } from "../../services/postings/find-running-postings.js";
import { isAssessmentSubmitted } from "../../services/assessment/is-assessment-submitted.js";
import { idIn } from "../subject.js";

const say = createRenderer("reminders");
export const ASSESSMENT_LEAD_DAYS = 14;

export const CHASE_AFTER_DAYS = 3;

async function chaseSignature(ctx: JobContext, a: AssessmentState): Promise<void> {
  if (!a.next || !a.lastStepAt || daysBetween(localDate(a.lastStepAt, ctx.deps.tz), ctx.today) < CHASE_AFTER_DAYS) return;
  const monday = dayjs.utc(ctx.today).subtract((dayjs.utc(ctx.today).day() + 6) % 7, "day").format("YYYY-MM-DD");
  // The step's signers, or the admins where nobody is registered for it (find-assessment-signers).
  for (const to of await findAssessmentSigners(ctx.deps.db, a, a.next)) {
    const card = assessmentCard({ postingId: a.postingId, doctor: a.doctor, clinic: a.clinic, form: a.form, step: a.next, summary: a.summary ?? "" });
    await ctx.emit({ kind: "assessment_sign", subject: `posting:${a.postingId}:${a.next}:person:${to.id}`, period: `${a.next}~${monday}`, to, message: { card } });
  }
}

export const assessmentJob: Job = {
  name: "assessment",
  time: "09:03",
  async run(ctx) {
    const horizon = dbDate(addDays(ctx.today, ASSESSMENT_LEAD_DAYS));
    for (const p of await findRunningPostings(ctx.deps.db, { from: ctx.today })) {
      if (!p.endDate || p.endDate > horizon) continue;
      if (await isAssessmentSubmitted(ctx.deps.db, p.id)) continue;
      const state = await findAssessment(ctx.deps.db, p.id);
      if (state?.summary) {
        await chaseSignature(ctx, state);
        continue;
      }
      const text = say("assessment", { name: p.person.name, recipient: p.recipientOrg.name, end: formatDay(fromDbDate(p.endDate)) });
      await ctx.emit({ kind: "assessment", subject: `posting:${p.id}`, period: "posting", to: { id: p.personId, name: p.person.name }, message: { text } });
    }
  },
  stillDue: {
    assessment: async (db, n) => !(await isAssessmentSubmitted(db, idIn(n.subject, "posting"))),
    // A card held over quiet hours is dropped once its step was signed meanwhile.
    assessment_sign: async (db, n) => (await findAssessment(db, idIn(n.subject, "posting")))?.next === n.period.split("~")[0],
  },
};
