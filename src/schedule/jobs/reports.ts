// Reports and filings a programme's document sets (名单, 协议, quarterly reports, the half-year
// evaluation, the Q4 summary with next year's plan): the bureau's admins and every supporting
// hospital's leaders hear a week before each is due, once.
import { addDays, daysBetween, type LocalDate } from "../../infra/time.js";
import type { ProgrammeRules } from "../../domain/programme.js";
import { dueDates } from "../../domain/filing-dates.js";
import { findLeaders } from "../../services/people/find-leaders.js";
import { findBureauPeople } from "../../services/people/find-bureau-people.js";
import { findProgrammeHospitals } from "../../services/programme/find-programme-hospitals.js";
import { listRuledProgrammes } from "../../services/programme/list-ruled-programmes.js";
import { createRenderer } from "../../templates/render.js";
import { formatDay } from "../../templates/phrases.js";
import type { Job, JobContext } from "../job.js";
import { orAdmins } from "../recipients.js";
import { idIn } from "../subject.js";
import { syncFilings } from "../../services/filings/sync-filings.js";
import { listFilings } from "../../services/filings/list-filings.js";

const say = createRenderer("reminders");
export const REPORT_LEAD_DAYS = 7;

async function remindReport(ctx: JobContext, programme: { id: number; rules: ProgrammeRules }, index: number, due: LocalDate): Promise<void> {
  const report = programme.rules.reports[index];
  const text = say("report_due", { programme: programme.rules.name, report: report.name, due: formatDay(due), left: daysBetween(ctx.today, due), clause: report.clause });
  const period = due;
  const bureau = await findBureauPeople(ctx.deps.db, { region: programme.rules.region, adminsOnly: true });
  for (const to of bureau) await ctx.emit({ kind: "report_due", subject: `programme:${programme.id}:report:${index}:person:${to.id}`, period, to, message: { text } });
  for (const hospital of await findProgrammeHospitals(ctx.deps.db, programme.id)) {
    const sent = await orAdmins(ctx, await findLeaders(ctx.deps.db, hospital.id), text, { org: hospital.name, role: "leader" });
    for (const to of sent.to) {
      await ctx.emit({ kind: "report_due", subject: `programme:${programme.id}:report:${index}:org:${hospital.id}:person:${to.id}`, period, to, message: { text: sent.text }, instead: sent.instead });
    }
  }
}

export const reportJob: Job = {
  name: "report_due",
  time: "09:07",
  async run(ctx) {
    for (const programme of await listRuledProgrammes(ctx.deps.db)) {
      await syncFilings(ctx.deps.db, programme, ctx.today);
      const filed = new Set((await listFilings(ctx.deps.db, { programmeId: programme.id }, ctx.today)).filter((f) => f.state === "filed").map((f) => `${f.title}|${f.dueOn}`));
      for (const [index, report] of programme.rules.reports.entries()) {
        for (const due of dueDates(report, programme.rules, ctx.today)) {
          // A filing already marked 已报送 needs no reminder.
          if (filed.has(`${report.name}|${due}`)) continue;
          if (ctx.today >= addDays(due, -REPORT_LEAD_DAYS) && ctx.today <= due) await remindReport(ctx, programme, index, due);
        }
      }
    }
  },
};

/**
 * A filing past its due date and not marked 已报送: the bureau hears every Monday until it is, with
 * the supporting hospitals' leaders (who hand most of them in).
 */
export const filingOverdueJob: Job = {
  name: "filing_overdue",
  time: "09:10",
  weekday: 1,
  async run(ctx) {
    for (const programme of await listRuledProgrammes(ctx.deps.db)) {
      await syncFilings(ctx.deps.db, programme, ctx.today);
      const overdue = await listFilings(ctx.deps.db, { programmeId: programme.id, unfiledBefore: ctx.today }, ctx.today);
      if (overdue.length === 0) continue;
      const bureau = await findBureauPeople(ctx.deps.db, { region: programme.rules.region ?? null });
      const hospitals = [];
      for (const h of await findProgrammeHospitals(ctx.deps.db, programme.id)) hospitals.push(...(await findLeaders(ctx.deps.db, h.id)));
      const people = [...new Map([...bureau, ...hospitals].map((p) => [p.id, p])).values()];
      for (const f of overdue) {
        const text = say("filing_overdue", { programme: programme.rules.name, report: f.title, due: formatDay(f.dueOn), days: daysBetween(f.dueOn, ctx.today), id: f.id });
        const sent = await orAdmins(ctx, people, text, { org: programme.rules.name, role: "leader" });
        for (const to of sent.to) {
          await ctx.emit({ kind: "filing_overdue", subject: `filing:${f.id}:person:${to.id}`, period: ctx.today, to, message: { text: sent.text }, instead: sent.instead });
        }
      }
    }
  },
  stillDue: {
    filing_overdue: async (db, n) => (await db.filing.findUnique({ where: { id: idIn(n.subject, "filing") }, select: { filedAt: true } }))?.filedAt === null,
  },
};
