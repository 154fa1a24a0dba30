// Quarterly meetings, supervision visits and quarterly statistics (SPEC §3, §5): each is due in a
// calendar period; a reminder goes out when the period is nearly over and the minimum is not met.
import type { Db } from "../../infra/db.js";
import { addDays, daysBetween, halfYearOf, periodOfLabel, quarterOf, yearOf, type Period } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { formatDay } from "../../templates/phrases.js";
import type { VisitorKind } from "../../infra/records.js";
import { countMeetings } from "../../services/count-meetings.js";
import { countVisits } from "../../services/count-visits.js";
import { findLeaders, type Recipient } from "../../services/find-leaders.js";
import { findBureauPeople } from "../../services/find-bureau-people.js";
import { findVisitLeaders } from "../../services/find-visit-leaders.js";
import { findRunningPostings } from "../../services/find-running-postings.js";
import type { Job, JobContext } from "../job.js";
import { idIn } from "../subject.js";

const say = createRenderer("reminders");

const MEETING_LEAD_DAYS = 21;
const VISIT_LEAD_DAYS = 30;
const STATS_LEAD_DAYS = 7;
/** 季度统计 is due this many days after the quarter ends (the bureau's usual 季后5日内). */
export const STATS_DUE_AFTER_QUARTER = 5;

/** Supervision minimums (SPEC §3): bureau ≥2 a year, hospital leaders ≥1 a year, department heads ≥1 a half-year. */
export const VISIT_RULES: { kind: VisitorKind; minimum: number; period: (day: string) => Period }[] = [
  { kind: "bureau", minimum: 2, period: yearOf },
  { kind: "hospital_leader", minimum: 1, period: yearOf },
  { kind: "dept_head", minimum: 1, period: halfYearOf },
];

/** A quarterly meeting is due when the quarter ends within three weeks and none is logged in it. */
export async function isMeetingDue(db: Db, supportingOrgId: number, today: string): Promise<boolean> {
  const quarter = quarterOf(today);
  return today >= addDays(quarter.to, -MEETING_LEAD_DAYS) && (await countMeetings(db, supportingOrgId, quarter)) === 0;
}

export const meetingJob: Job = {
  name: "meeting_due",
  time: "09:00",
  async run(ctx) {
    const quarter = quarterOf(ctx.today);
    if (ctx.today < addDays(quarter.to, -MEETING_LEAD_DAYS)) return;
    const orgs = new Map((await findRunningPostings(ctx.deps.db, { from: ctx.today })).map((p) => [p.supportingOrgId, p.supportingOrg.name]));
    for (const [orgId, org] of orgs) {
      if (!(await isMeetingDue(ctx.deps.db, orgId, ctx.today))) continue;
      const text = say("meeting_due", { org, quarter: quarter.label, end: formatDay(quarter.to), example: formatDay(ctx.today) });
      for (const to of await findLeaders(ctx.deps.db, orgId)) {
        await ctx.emit({ kind: "meeting_due", subject: `org:${orgId}:person:${to.id}`, period: quarter.label, to, message: { text } });
      }
    }
  },
  stillDue: {
    meeting_due: async (db, n) => (await countMeetings(db, idIn(n.subject, "org"), periodOfLabel(n.period))) === 0,
  },
};

async function visitRecipients(ctx: JobContext, kind: VisitorKind, supporting: Set<number>, region: string | null): Promise<Recipient[]> {
  if (kind === "bureau") return findBureauPeople(ctx.deps.db, { region });
  const people: Recipient[] = [];
  for (const orgId of supporting) people.push(...(await findVisitLeaders(ctx.deps.db, orgId, kind)));
  return people;
}

export const visitJob: Job = {
  name: "visit_due",
  time: "09:00",
  async run(ctx) {
    const clinics = new Map<number, { name: string; region: string | null; supporting: Set<number> }>();
    for (const p of await findRunningPostings(ctx.deps.db, { from: ctx.today })) {
      const c = clinics.get(p.recipientOrgId) ?? { name: p.recipientOrg.name, region: p.programme.region, supporting: new Set<number>() };
      c.supporting.add(p.supportingOrgId);
      clinics.set(p.recipientOrgId, c);
    }
    for (const rule of VISIT_RULES) {
      const period = rule.period(ctx.today);
      const left = daysBetween(ctx.today, period.to);
      if (left > VISIT_LEAD_DAYS) continue;
      for (const [clinicId, clinic] of clinics) {
        const done = await countVisits(ctx.deps.db, clinicId, rule.kind, period);
        if (done >= rule.minimum) continue;
        const text = say(`visit_due.${rule.kind}`, { clinic: clinic.name, done, minimum: rule.minimum, end: formatDay(period.to), left });
        for (const to of await visitRecipients(ctx, rule.kind, clinic.supporting, clinic.region)) {
          await ctx.emit({ kind: "visit_due", subject: `clinic:${clinicId}:${rule.kind}:person:${to.id}`, period: period.label, to, message: { text } });
        }
      }
    }
  },
  stillDue: {
    visit_due: async (db, n) => {
      const rule = VISIT_RULES.find((r) => n.subject.includes(`:${r.kind}:`))!;
      return (await countVisits(db, idIn(n.subject, "clinic"), rule.kind, periodOfLabel(n.period))) < rule.minimum;
    },
  },
};

export const statsJob: Job = {
  name: "stats_due",
  time: "09:00",
  async run(ctx) {
    // The quarter whose statistics fall due within the week: this one (due just after it ends) or the last.
    const current = quarterOf(ctx.today);
    const quarter = [current, quarterOf(addDays(current.from, -1))].find((q) => {
      const due = addDays(q.to, STATS_DUE_AFTER_QUARTER);
      return ctx.today >= addDays(due, -STATS_LEAD_DAYS) && ctx.today <= due;
    });
    if (!quarter) return;
    const due = addDays(quarter.to, STATS_DUE_AFTER_QUARTER);
    const admins = await findBureauPeople(ctx.deps.db, { adminsOnly: true });
    const text = say("stats_due", { quarter: quarter.label, quarterCode: quarter.label, due: formatDay(due) });
    for (const to of admins) await ctx.emit({ kind: "stats_due", subject: `quarter:${quarter.label}:person:${to.id}`, period: quarter.label, to, message: { text } });
  },
};
