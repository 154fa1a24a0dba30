// The assessment form (考核鉴定表) is due at the posting's end: the doctor hears 14 days before.
import { addDays, dbDate, fromDbDate } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { formatDay } from "../../templates/phrases.js";
import type { Job } from "../job.js";
import { findRunningPostings } from "../../services/find-running-postings.js";
import { isAssessmentSubmitted } from "../../services/is-assessment-submitted.js";
import { idIn } from "../subject.js";

const say = createRenderer("reminders");
export const ASSESSMENT_LEAD_DAYS = 14;

export const assessmentJob: Job = {
  name: "assessment",
  time: "09:00",
  async run(ctx) {
    const horizon = dbDate(addDays(ctx.today, ASSESSMENT_LEAD_DAYS));
    for (const p of await findRunningPostings(ctx.deps.db, { from: ctx.today })) {
      if (!p.endDate || p.endDate > horizon) continue;
      if (await isAssessmentSubmitted(ctx.deps.db, p.id)) continue;
      const text = say("assessment", { name: p.person.name, recipient: p.recipientOrg.name, end: formatDay(fromDbDate(p.endDate)) });
      await ctx.emit({ kind: "assessment", subject: `posting:${p.id}`, period: "posting", to: { id: p.personId, name: p.person.name }, message: { text } });
    }
  },
  stillDue: {
    assessment: async (db, n) => !(await isAssessmentSubmitted(db, idIn(n.subject, "posting"))),
  },
};
