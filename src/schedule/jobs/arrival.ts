// Arrival (SPEC §5): the card to the clinic's contacts from the posting's start, again each working day
// until someone answers; after the deadline (or on 未到岗) the supporting hospital's leaders and the
// bureau are told, once.
import { arrivalCard, withSnooze } from "../../cards/build.js";
import { findArrivalPosting } from "../../services/postings/find-arrival-posting.js";
import { findClinicContacts } from "../../services/people/find-clinic-contacts.js";
import { fromDbDate } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { formatDay, formatTime } from "../../templates/phrases.js";
import { isWorkingDay } from "../calendar.js";
import { arrivalDeadline } from "../arrival-deadline.js";
import type { Job, JobContext } from "../job.js";
import { findLeaders } from "../../services/people/find-leaders.js";
import { findBureauPeople } from "../../services/people/find-bureau-people.js";
import { orAdmins } from "../recipients.js";
import type { Recipient } from "../../services/people/find-leaders.js";
import { findPostingStatus } from "../../services/postings/find-posting-status.js";
import { findRunningPostings, type RunningPosting } from "../../services/postings/find-running-postings.js";
import { idIn } from "../subject.js";

const say = createRenderer("reminders");

async function escalate(ctx: JobContext, p: RunningPosting): Promise<void> {
  const { db } = ctx.deps;
  const deadline = arrivalDeadline({ ...p, startDate: p.startDate! }, ctx.deps.settings.arrivalDeadlineDays);
  const refused = p.notArrivedAt !== null;
  if (!refused && ctx.today <= deadline) return;
  const vars = {
    doctor: p.person.name, supporting: p.supportingOrg.name, recipient: p.recipientOrg.name,
    start: formatDay(fromDbDate(p.startDate!)), deadline: formatDay(deadline),
    time: p.notArrivedAt ? formatTime(p.notArrivedAt, ctx.deps.tz) : "",
  };
  const text = say(refused ? "arrival_refused" : "arrival_overdue", vars);
  // The hospital's leaders, and the bureau governing the programme: when none does, the admins, told why.
  const leaders = await findLeaders(db, p.supportingOrgId);
  const bureau = await orAdmins(ctx, await findBureauPeople(db, { region: p.programme.region }), text, { org: p.programme.name, role: "bureau" });
  const told = new Set<number>();
  const sends: { to: Recipient; text: string; instead?: string }[] = [...leaders.map((to) => ({ to, text })), ...bureau.to.map((to) => ({ to, text: bureau.text, instead: bureau.instead }))];
  for (const s of sends) {
    if (told.has(s.to.id)) continue;
    told.add(s.to.id);
    await ctx.emit({ kind: "arrival_overdue", subject: `posting:${p.id}:person:${s.to.id}`, period: "posting", to: s.to, message: { text: s.text }, instead: s.instead });
  }
}

export const arrivalJob: Job = {
  name: "arrival",
  time: "09:01",
  async run(ctx) {
    if (!isWorkingDay(ctx.today)) return;
    for (const p of await findRunningPostings(ctx.deps.db, { from: ctx.today, planned: true })) {
      const posting = (await findArrivalPosting(ctx.deps.db, p.id))!;
      for (const to of await findClinicContacts(ctx.deps.db, posting)) {
        await ctx.emit({ kind: "arrival", subject: `posting:${p.id}:person:${to.id}`, period: ctx.today, to, message: { card: withSnooze(arrivalCard(posting)) } });
      }
      await escalate(ctx, p);
    }
  },
  stillDue: Object.fromEntries(["arrival", "arrival_overdue"].map((kind) => [kind, async (db, n) => {
    return (await findPostingStatus(db, idIn(n.subject, "posting"))) === "planned";
  }])),
};
