// The month-end card (SPEC §5): 3 days before the month ends, to every doctor whose posting runs then;
// on the 1st–3rd of the next month, once more to those who have not submitted.
import { monthEndCard, withSnooze } from "../../cards/build.js";
import { addDays, dayjs, monthOf, monthRange } from "../../infra/time.js";
import { MONTH_DEADLINE_DAY } from "../../domain/month-close.js";
import { isMonthSubmitted } from "../../services/months/is-month-submitted.js";
import { sumWorkload } from "../../services/workload/sum-workload.js";
import type { Job, JobContext } from "../job.js";
import { findRunningPostings } from "../../services/postings/find-running-postings.js";
import { idIn } from "../subject.js";

const DAYS_BEFORE_END = 3;

async function sendCards(ctx: JobContext, kind: string, month: string): Promise<void> {
  const { from, to } = monthRange(month);
  for (const p of await findRunningPostings(ctx.deps.db, { from, to: to < ctx.today ? to : ctx.today, ended: true })) {
    if (await isMonthSubmitted(ctx.deps.db, p.id, month)) continue;
    const totals = await sumWorkload(ctx.deps.db, { personId: p.personId, from, to });
    const card = monthEndCard({ postingId: p.id, recipientOrgName: p.recipientOrg.name, month, totals });
    await ctx.emit({ kind, subject: `posting:${p.id}`, period: month, to: { id: p.personId, name: p.person.name }, message: { card: withSnooze(card) } });
  }
}

export const monthEndJob: Job = {
  name: "month_end",
  time: "09:02",
  async run(ctx) {
    const month = monthOf(ctx.today);
    if (ctx.today >= addDays(monthRange(month).to, -DAYS_BEFORE_END)) await sendCards(ctx, "month_end", month);
    if (dayjs.utc(ctx.today).date() <= MONTH_DEADLINE_DAY) {
      await sendCards(ctx, "month_end_overdue", dayjs.utc(ctx.today).subtract(1, "month").format("YYYY-MM"));
    }
  },
  stillDue: Object.fromEntries(["month_end", "month_end_overdue"].map((kind) => [kind, async (db, n) =>
    !(await isMonthSubmitted(db, idIn(n.subject, "posting"), n.period))])),
};
