// Arrival (SPEC §5): the card to the clinic's contacts from the posting's start, again each working day
// until someone answers; after the deadline (or on 未到岗) the supporting hospital's leaders and the
// bureau are told, once.
import { arrivalCard, withSnooze } from "../../cards/build.js";
import { findArrivalPosting, findClinicContacts } from "../../services/arrival.js";
import { dayjs, fromDbDate } from "../../infra/time.js";
import { createRenderer } from "../../templates.js";
import { formatDay } from "../../bot/format.js";
import { addWorkingDays, isWorkingDay } from "../calendar.js";
import type { Job, JobContext } from "../job.js";
import { bureauPeople, leadersOf } from "../people.js";
import { idIn, runningPostings, type RunningPosting } from "./scope.js";

const say = createRenderer("reminders");

function deadlineOf(ctx: JobContext, p: RunningPosting): string {
  const programmeDeadline = p.programme.arrivalDeadline ? fromDbDate(p.programme.arrivalDeadline) : null;
  // Counted in working days from the first working day of the posting: a start on a holiday does not
  // eat the clinic's time to answer.
  return programmeDeadline ?? addWorkingDays(fromDbDate(p.startDate!), ctx.deps.settings.arrivalDeadlineDays);
}

async function escalate(ctx: JobContext, p: RunningPosting): Promise<void> {
  const { prisma } = ctx.deps;
  const deadline = deadlineOf(ctx, p);
  const refused = p.notArrivedAt !== null;
  if (!refused && ctx.today <= deadline) return;
  const vars = {
    doctor: p.person.name, supporting: p.supportingOrg.name, recipient: p.recipientOrg.name,
    start: formatDay(fromDbDate(p.startDate!)), deadline: formatDay(deadline),
    time: p.notArrivedAt ? dayjs(p.notArrivedAt).tz(ctx.deps.tz).format("M月D日 HH:mm") : "",
  };
  const text = say(refused ? "arrival_refused" : "arrival_overdue", vars);
  const people = [...await leadersOf(prisma, p.supportingOrgId), ...await bureauPeople(prisma, p.programme.region)];
  for (const to of people) {
    await ctx.emit({ kind: "arrival_overdue", subject: `posting:${p.id}:person:${to.id}`, period: "posting", to, message: { text } });
  }
}

export const arrivalJob: Job = {
  name: "arrival",
  time: "09:00",
  describe: "到岗确认卡片（每个工作日，直到确认）与逾期上报",
  async run(ctx) {
    if (!isWorkingDay(ctx.today)) return;
    for (const p of await runningPostings(ctx.deps.prisma, ctx.today, { status: "planned" })) {
      const posting = (await findArrivalPosting(ctx.deps.prisma, p.id))!;
      for (const to of await findClinicContacts(ctx.deps.prisma, posting)) {
        await ctx.emit({ kind: "arrival", subject: `posting:${p.id}:person:${to.id}`, period: ctx.today, to, message: { card: withSnooze(arrivalCard(posting)) } });
      }
      await escalate(ctx, p);
    }
  },
  stillDue: Object.fromEntries(["arrival", "arrival_overdue"].map((kind) => [kind, async (db, n) => {
    const posting = await db.posting.findUnique({ where: { id: idIn(n.subject, "posting") }, select: { status: true } });
    return posting?.status === "planned";
  }])),
};
