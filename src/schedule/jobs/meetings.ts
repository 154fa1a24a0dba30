// Quarterly meetings, supervision visits and quarterly statistics (SPEC §3, §5): each is due in a
// period; a reminder goes out when the period is nearly over and the minimum is not met. Visits follow
// the programme's rules when it has them (counted over its cycle), else the defaults over calendar periods.
import type { Db } from "../../infra/db.js";
import { addDays, daysBetween, periodOfLabel, quarterOf } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { formatDay } from "../../templates/phrases.js";
import { countMeetings } from "../../services/oversight/count-meetings.js";
import { countVisits } from "../../services/oversight/count-visits.js";
import { findLeaders } from "../../services/people/find-leaders.js";
import { findBureauPeople } from "../../services/people/find-bureau-people.js";
import { findVisitLeaders } from "../../services/people/find-visit-leaders.js";
import { findRunningPostings } from "../../services/postings/find-running-postings.js";
import { findHostsMet, findMeetingHosts, type MeetingHost } from "../../services/oversight/find-meeting-hosts.js";
import { findVisitDuties, VISIT_RULES, type VisitDuty } from "../../services/oversight/find-visit-duties.js";
import type { Job, JobContext } from "../job.js";
import { idIn } from "../subject.js";
import { orAdmins } from "../recipients.js";

const say = createRenderer("reminders");

const MEETING_LEAD_DAYS = 21;
const VISIT_LEAD_DAYS = 30;
const STATS_LEAD_DAYS = 7;
/** 季度统计 is due this many days after the quarter ends (the bureau's usual 季后5日内). */
export const STATS_DUE_AFTER_QUARTER = 5;

export { VISIT_RULES };

/**
 * Of these hosts, those owing their quarter's meeting: the quarter (as the programme counts it) ends
 * within three weeks and no meeting is logged in it.
 */
export async function meetingsDue(db: Db, hosts: Map<number, MeetingHost>, today: string): Promise<Set<number>> {
  const inWindow = [...hosts].filter(([, h]) => today >= addDays(h.quarter.to, -MEETING_LEAD_DAYS) && today <= h.quarter.to);
  const met = await findHostsMet(db, inWindow);
  return new Set(inWindow.map(([id]) => id).filter((id) => !met.has(id)));
}

export const meetingJob: Job = {
  name: "meeting_due",
  time: "09:04",
  async run(ctx) {
    const hosts = await findMeetingHosts(ctx.deps.db, await findRunningPostings(ctx.deps.db, { from: ctx.today }), ctx.today);
    const due = await meetingsDue(ctx.deps.db, hosts, ctx.today);
    for (const [orgId, { name: org, quarter }] of hosts) {
      if (!due.has(orgId)) continue;
      const text = say("meeting_due", { org, quarter: quarter.label, end: formatDay(quarter.to), example: formatDay(ctx.today) });
      const sent = await orAdmins(ctx, await findLeaders(ctx.deps.db, orgId), text, { org, role: "leader" });
      for (const to of sent.to) {
        await ctx.emit({ kind: "meeting_due", subject: `org:${orgId}:person:${to.id}`, period: quarter.label, to, message: { text: sent.text }, instead: sent.instead });
      }
    }
  },
  stillDue: {
    meeting_due: async (db, n) => (await countMeetings(db, idIn(n.subject, "org"), periodOfLabel(n.period))) === 0,
  },
};

async function remindVisit(ctx: JobContext, o: VisitDuty): Promise<void> {
  const left = daysBetween(ctx.today, o.period.to);
  const { done } = o;
  if (left > VISIT_LEAD_DAYS || done >= o.minimum) return;
  const vars = { clinic: o.clinic, org: o.org ?? "", department: o.department ? say("visit_due.of_department", { department: o.department }) : "", period: say(`visit_due.period.${o.periodName}`), done, minimum: o.minimum, end: formatDay(o.period.to), left };
  const text = say(o.perHospital && o.kind === "bureau" ? "visit_due.bureau_hospital" : `visit_due.${o.kind}`, vars);
  const sent = o.kind === "bureau" || o.orgId === undefined
    ? await orAdmins(ctx, await findBureauPeople(ctx.deps.db, { region: o.region }), text, { org: o.clinic, role: "bureau" })
    : await orAdmins(ctx, await findVisitLeaders(ctx.deps.db, o.orgId, o.kind, o.department), text, { org: o.org ?? "", role: o.kind === "dept_head" ? "dept_head" : "leader" });
  const org = o.orgId === undefined ? "" : `org:${o.orgId}:`;
  const dept = o.department === undefined ? "" : `dept:${encodeURIComponent(o.department)}:`;
  for (const to of sent.to) {
    // A hospital's duty is named by the hospital: its clinics are the ones it serves when it is checked again.
    const subject = o.perHospital ? `hospital:${o.orgId}:${o.kind}:min:${o.minimum}:person:${to.id}` : `clinic:${o.clinicId}:${org}${dept}${o.kind}:min:${o.minimum}:person:${to.id}`;
    await ctx.emit({ kind: "visit_due", subject, period: o.period.label, to, message: { text: sent.text }, instead: sent.instead });
  }
}

export const visitJob: Job = {
  name: "visit_due",
  time: "09:05",
  async run(ctx) {
    for (const o of await findVisitDuties(ctx.deps.db, await findRunningPostings(ctx.deps.db, { from: ctx.today }), ctx.today)) await remindVisit(ctx, o);
  },
  stillDue: {
    visit_due: async (db, n) => {
      const kind = VISIT_RULES.find((r) => n.subject.includes(`:${r.kind}:`))!.kind;
      if (n.subject.startsWith("hospital:")) {
        const hospital = idIn(n.subject, "hospital");
        const clinics = (await db.pairing.findMany({ where: { supportingOrgId: hospital }, select: { recipientOrgId: true } })).map((p) => p.recipientOrgId);
        return (await countVisits(db, clinics, kind, periodOfLabel(n.period), kind === "bureau" ? undefined : hospital)) < idIn(n.subject, "min");
      }
      const org = idIn(n.subject, "org");
      const dept = /(?:^|:)dept:([^:]+):/.exec(n.subject)?.[1];
      const done = await countVisits(db, idIn(n.subject, "clinic"), kind, periodOfLabel(n.period), Number.isNaN(org) ? undefined : org, dept && decodeURIComponent(dept));
      return done < idIn(n.subject, "min");
    },
  },
};

export const statsJob: Job = {
  name: "stats_due",
  time: "09:06",
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
