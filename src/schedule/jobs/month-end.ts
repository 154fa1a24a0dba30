// The month-end card (SPEC §5): 3 days before the month ends, to every doctor whose posting runs then;
// on the 1st–3rd of the next month, once more to those who have not submitted.
import { monthEndCard, withSnooze } from "../../cards/build.js";
import { addDays, dayjs, monthOf, monthRange } from "../../infra/time.js";
import { MONTH_DEADLINE_DAY } from "../../services/month-close.js";
import type { Job, JobContext } from "../job.js";
import { idIn, postingsDuring } from "./scope.js";

const DAYS_BEFORE_END = 3;

async function sendCards(ctx: JobContext, kind: string, month: string): Promise<void> {
  const { from, to } = monthRange(month);
  for (const p of await postingsDuring(ctx.deps.prisma, from, to < ctx.today ? to : ctx.today)) {
    const submitted = await ctx.deps.prisma.monthlyReport.count({ where: { postingId: p.id, month } });
    if (submitted > 0) continue;
    const card = await monthEndCard(ctx.deps.prisma, { postingId: p.id, personId: p.personId, recipientOrgName: p.recipientOrg.name, month });
    await ctx.emit({ kind, subject: `posting:${p.id}`, period: month, to: { id: p.personId, name: p.person.name }, message: { card: withSnooze(card) } });
  }
}

export const monthEndJob: Job = {
  name: "month_end",
  time: "09:00",
  describe: "月末工作量月报卡片（月末前 3 天；次月 1–3 日逾期提醒）",
  async run(ctx) {
    const month = monthOf(ctx.today);
    if (ctx.today >= addDays(monthRange(month).to, -DAYS_BEFORE_END)) await sendCards(ctx, "month_end", month);
    if (dayjs.utc(ctx.today).date() <= MONTH_DEADLINE_DAY) {
      await sendCards(ctx, "month_end_overdue", dayjs.utc(ctx.today).subtract(1, "month").format("YYYY-MM"));
    }
  },
  stillDue: Object.fromEntries(["month_end", "month_end_overdue"].map((kind) => [kind, async (db, n) =>
    (await db.monthlyReport.count({ where: { postingId: idIn(n.subject, "posting"), month: n.period } })) === 0])),
};
