// The assessment form (考核鉴定表) is due at the posting's end: the doctor hears 14 days before.
import { addDays, dbDate, fromDbDate } from "../../infra/time.js";
import { createRenderer } from "../../templates.js";
import { formatDay } from "../../bot/format.js";
import type { Job } from "../job.js";
import { idIn, runningPostings } from "./scope.js";

const say = createRenderer("reminders");
export const ASSESSMENT_LEAD_DAYS = 14;

export const assessmentJob: Job = {
  name: "assessment",
  time: "09:00",
  describe: "考核鉴定表提醒（派驻结束前 14 天）",
  async run(ctx) {
    const horizon = dbDate(addDays(ctx.today, ASSESSMENT_LEAD_DAYS));
    for (const p of await runningPostings(ctx.deps.prisma, ctx.today)) {
      if (!p.endDate || p.endDate > horizon) continue;
      const done = await ctx.deps.prisma.assessment.count({ where: { postingId: p.id, submittedAt: { not: null } } });
      if (done > 0) continue;
      const text = say("assessment", { name: p.person.name, recipient: p.recipientOrg.name, end: formatDay(fromDbDate(p.endDate)) });
      await ctx.emit({ kind: "assessment", subject: `posting:${p.id}`, period: "posting", to: { id: p.personId, name: p.person.name }, message: { text } });
    }
  },
  stillDue: {
    assessment: async (db, n) => (await db.assessment.count({ where: { postingId: idIn(n.subject, "posting"), submittedAt: { not: null } } })) === 0,
  },
};
