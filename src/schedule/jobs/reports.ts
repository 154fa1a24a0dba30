// Reports and filings a programme's document sets (名单, 协议, quarterly reports, the half-year
// evaluation, the Q4 summary with next year's plan): the bureau's admins and every supporting
// hospital's leaders hear a week before each is due, once.
import { addDays, daysBetween, type LocalDate } from "../../infra/time.js";
import { cycleAround, type ProgrammeRules } from "../../domain/programme.js";
import { findLeaders } from "../../services/people/find-leaders.js";
import { findBureauPeople } from "../../services/people/find-bureau-people.js";
import { findProgrammeHospitals } from "../../services/programme/find-programme-hospitals.js";
import { listRuledProgrammes } from "../../services/programme/list-ruled-programmes.js";
import { createRenderer } from "../../templates/render.js";
import { formatDay } from "../../templates/phrases.js";
import type { Job, JobContext } from "../job.js";
import { orAdmins } from "../recipients.js";

const say = createRenderer("reminders");
export const REPORT_LEAD_DAYS = 7;

type Report = ProgrammeRules["reports"][number];

const QUARTER_ENDS = ["03-31", "06-30", "09-30", "12-31"];

/** The due dates of a report around `today`: its own dates, or its cadence's within this and next year. */
function dueDates(report: Report, rules: ProgrammeRules, today: LocalDate): LocalDate[] {
  if (report.due) return report.due;
  const years = [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1];
  const ends = report.every === "quarter" ? QUARTER_ENDS : report.every === "half_year" ? ["06-30", "12-31"] : ["12-31"];
  const cycle = cycleAround(rules, today);
  return years.flatMap((y) => ends.map((md) => `${y}-${md}`)).filter((d) => d >= cycle.from);
}

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
  time: "09:00",
  async run(ctx) {
    for (const programme of await listRuledProgrammes(ctx.deps.db)) {
      for (const [index, report] of programme.rules.reports.entries()) {
        for (const due of dueDates(report, programme.rules, ctx.today)) {
          if (ctx.today >= addDays(due, -REPORT_LEAD_DAYS) && ctx.today <= due) await remindReport(ctx, programme, index, due);
        }
      }
    }
  },
};
