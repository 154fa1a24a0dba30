// A roster against its programme's rules, before anything is written: a posting shorter than the
// document's minimum, a clinic left without anyone posted for part of the cycle, part-time postings with
// too few days or too many of them, and more people through a post in a year than rotation allows. The document's
// wording decides refusal ("不得", "必须") or warning ("原则上"); a refused row refuses the whole import.
import { dayjs, addDays, type LocalDate } from "../infra/time.js";
import { groupBy } from "../infra/collections.js";
import { joinList } from "../templates/phrases.js";
import type { ProgrammeRules } from "../domain/programme.js";
import { createRenderer } from "../templates/render.js";
import type { RosterRow, RowIssue } from "./parse-roster.js";

const say = createRenderer("programme");

export type Breaches = { refused: RowIssue[]; warnings: RowIssue[] };

/** Months from the first day to the last, both counted: 2021-05-01 … 2021-10-31 is 6. */
export const monthsBetween = (start: LocalDate, end: LocalDate) => dayjs.utc(addDays(end, 1)).diff(dayjs.utc(start), "month", true);

type Dated = { row: number; team: string; clinic: string; names: string; doctors: number; start: LocalDate; end: LocalDate };

function datedRows(rows: RosterRow[], o: { start?: LocalDate; end?: LocalDate }): Dated[] {
  return rows.flatMap((r) => {
    const [start, end] = [r.start ?? o.start, r.end ?? o.end];
    if (!start || !end || r.doctors.length === 0) return [];
    return [{ row: r.row, team: r.supportingOrg, clinic: r.recipientOrg, names: joinList(r.doctors.map((d) => d.name)), doctors: r.doctors.length, start, end }];
  });
}

/** A posting shorter than the document's minimum: whether that refuses or warns, and why. */
export function postingTooShort(rules: ProgrammeRules, p: { names: string; start: LocalDate; end: LocalDate }): { level: "refuse" | "warn"; message: string } | undefined {
  const rule = rules.posting;
  const months = monthsBetween(p.start, p.end);
  if (!rule || months + 1e-9 >= rule.minMonths) return undefined;
  return { level: rule.level, message: say("breach.posting", { ...p, months: Math.round(months * 10) / 10, minimum: rule.minMonths, clause: rule.clause }) };
}

function tooShort(rules: ProgrammeRules, dated: Dated[], into: Breaches): void {
  for (const d of dated) {
    const breach = postingTooShort(rules, d);
    if (breach) (breach.level === "refuse" ? into.refused : into.warnings).push({ row: d.row, message: breach.message });
  }
}

/** The first day of the cycle no posting to the clinic covers, if any. */
function firstGap(spans: Dated[], from: LocalDate, to: LocalDate): LocalDate | undefined {
  let covered = addDays(from, -1);
  for (const s of [...spans].sort((a, b) => a.start.localeCompare(b.start))) {
    if (s.start > addDays(covered, 1)) break;
    if (s.end > covered) covered = s.end;
  }
  return covered < to ? addDays(covered, 1) : undefined;
}

function uncovered(rules: ProgrammeRules, dated: Dated[], into: Breaches): void {
  const rule = rules.coverage;
  if (!rule || !("start" in rules.cycle)) return;
  const { start, end } = rules.cycle;
  const byClinic = groupBy(dated, (d) => d.clinic);
  for (const [clinic, spans] of byClinic) {
    const gap = firstGap(spans, start, end);
    if (!gap) continue;
    const message = say("breach.coverage", { clinic, from: gap, start, end, clause: rule.clause });
    (rule.level === "refuse" ? into.refused : into.warnings).push({ row: spans[0].row, message });
  }
}

const push = (into: Breaches, level: "refuse" | "warn", issue: RowIssue) => (level === "refuse" ? into.refused : into.warnings).push(issue);

/** 半脱产: fewer days a week on site than the document allows, and more of the roster part-time than its share. */
function partTime(rules: ProgrammeRules, rows: RosterRow[], into: Breaches): void {
  const rule = rules.partTime;
  if (!rule) return;
  const part = rows.filter((r) => r.partTime && r.doctors.length > 0);
  for (const r of part) {
    const days = r.partTime!.weekdays.length;
    if (rule.minDaysPerWeek && days < rule.minDaysPerWeek) {
      push(into, rule.level, { row: r.row, message: say("breach.part_time_days", { names: joinList(r.doctors.map((d) => d.name)), days, minimum: rule.minDaysPerWeek, clause: rule.clause }) });
    }
  }
  const total = rows.reduce((n, r) => n + r.doctors.length, 0);
  const partCount = part.reduce((n, r) => n + r.doctors.length, 0);
  if (rule.maxShare !== undefined && total > 0 && partCount / total > rule.maxShare + 1e-9) {
    const message = say("breach.part_time_share", { count: partCount, total, percent: Math.round(rule.maxShare * 100), clause: rule.clause });
    push(into, rule.level, { row: part[0].row, message });
  }
}

/** The most postings of a team at a clinic at once: how many posts the pairing has. */
function posts(spans: Dated[]): number {
  return Math.max(...spans.map((s) => spans.filter((o) => o.start <= s.start && o.end >= s.start).reduce((n, o) => n + o.doctors, 0)));
}

/** 轮换: more people through a post in a year than the document allows. */
function rotation(rules: ProgrammeRules, dated: Dated[], into: Breaches): void {
  const rule = rules.rotation;
  if (!rule) return;
  for (const spans of groupBy(dated, (d) => `${d.team}|${d.clinic}`).values()) {
    const people = spans.reduce((n, s) => n + s.doctors, 0);
    const allowed = rule.maxPeoplePerPostYear * posts(spans);
    if (people <= allowed) continue;
    const last = spans[spans.length - 1];
    push(into, rule.level, { row: last.row, message: say("breach.rotation", { team: last.team, clinic: last.clinic, people, allowed, clause: rule.clause }) });
  }
}

export function checkRoster(rules: ProgrammeRules | undefined, rows: RosterRow[], o: { start?: LocalDate; end?: LocalDate }): Breaches {
  const breaches: Breaches = { refused: [], warnings: [] };
  if (!rules) return breaches;
  const dated = datedRows(rows, o);
  tooShort(rules, dated, breaches);
  uncovered(rules, dated, breaches);
  partTime(rules, rows, breaches);
  rotation(rules, dated, breaches);
  breaches.refused.sort((a, b) => a.row - b.row);
  return breaches;
}
