// A programme's rules as a bureau reads them: one line per rule, whether a breach is refused or warned,
// and the document's sentence it came from (templates/programme.json).
import { getMetric } from "../domain/metrics.js";
import type { ProgrammeRules } from "../domain/programme.js";
import { createRenderer, type Vars } from "./render.js";
import { joinList } from "./phrases.js";

const say = createRenderer("programme");

type Rule = { clause: string; level?: "refuse" | "warn" };

function line(key: string, vars: Vars, rule: Rule): string[] {
  const head = say(key, vars) + (rule.level ? say(`level.${rule.level}`) : "");
  return [head, say("clause", { clause: rule.clause })];
}

function duties(r: ProgrammeRules): string[][] {
  return [
    ...r.targets.map((t) => line("target", { metric: getMetric(t.metric).short, minimum: t.minimum, unit: getMetric(t.metric).unit, period: say(`target.period.${t.period}`) + (t.modes ? say("target.modes", { modes: joinList(t.modes.map((m) => say(`mode.${m}`))) }) : "") }, t)),
    ...r.oversight.map((o) => line(o.of === "hospital" ? "oversight.of_hospital" : "oversight", { visitor: say(`visitor.${o.visitor}`), per: say(`per.${o.per}`), minimum: o.minimum }, o)),
    ...(r.meetings ? [line("meetings", {}, r.meetings)] : []),
    ...r.reports.map((p) => (p.due ? line("report.due", { name: p.name, due: joinList(p.due) }, p) : line(`report.every.${p.every}`, { name: p.name }, p))),
    ...r.training.map((t) => line("training", { what: t.what, people: t.people, months: t.months ? say("training.months", { months: t.months }) : "" }, t)),
    ...(r.allowance ? [line("allowance", { yuan: r.allowance.perPersonYearYuan, township: r.allowance.townshipOnly ? say("allowance.township") : "" }, r.allowance)] : []),
  ];
}

function postings(r: ProgrammeRules): string[][] {
  const p = r.partTime;
  return [
    ...(r.arrival ? [line("arrival", { by: r.arrival.by }, r.arrival)] : []),
    ...(r.posting ? [line("posting", { months: r.posting.minMonths }, r.posting)] : []),
    ...(p?.minDaysPerWeek ? [line("partTime.days", { days: p.minDaysPerWeek }, p)] : []),
    ...(p?.maxShare !== undefined ? [line("partTime.share", { percent: Math.round(p.maxShare * 100) }, p)] : []),
    ...(r.rotation ? [line("rotation", { people: r.rotation.maxPeoplePerPostYear, months: r.rotation.monthsEach, notify: r.rotation.notify ?? "" }, r.rotation)] : []),
    ...(r.replacement ? [line("replacement", { approvals: joinList(r.replacement.approvals.map((a) => say(`approval.${a}`))) }, r.replacement)] : []),
    ...(r.coverage ? [line("coverage", {}, r.coverage)] : []),
    ...(r.staffing ? [line("staffing", {}, r.staffing)] : []),
    ...(r.leave ? [line("leave", { approver: say(`approver.${r.leave.approver}`) }, r.leave)] : []),
  ];
}

export function describeProgramme(r: ProgrammeRules): string[] {
  const cycle = "start" in r.cycle
    ? line("cycle.fixed", { start: r.cycle.start, end: r.cycle.end }, r.cycle)
    : line("cycle.yearly", { monthDay: r.cycle.yearly }, r.cycle);
  return [
    say("header", { name: r.name, title: r.title, document: r.document }),
    ...(r.issuer ? [say("issuer", { issuer: r.issuer })] : []),
    ...[cycle, ...postings(r), ...duties(r)].flat(),
  ];
}
