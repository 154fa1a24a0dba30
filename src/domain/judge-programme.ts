// A programme's rules over the whole programme as it stands (every posting and pairing of it, whichever
// file, call or edit made them): a posting shorter than the document's minimum, a clinic left without
// anyone posted for part of the cycle, part-time postings with too few days or too many of them, more
// people through a post in a year than rotation allows, a pairing short of its 选派医师数. Pure: the
// change paths (services/programme/enforce-programme-rules.ts) and the daily `rules` sweep both call it.
import { addDays, dayjs, type LocalDate } from "../infra/time.js";
import { groupBy } from "../infra/collections.js";
import { createRenderer } from "../templates/render.js";
import type { ProgrammeRules } from "./programme.js";

const say = createRenderer("programme");

export type PostingMode = "full_time" | "part_time" | "circuit";
export type ProgrammePosting = {
  id: number; personId: number; person: string; teamId: number; team: string; clinic: string; pairingId: number | null;
  start: LocalDate | null; end: LocalDate | null; mode: PostingMode; weekdays: number[]; status: "planned" | "arrived" | "ended" | "replaced";
};
export type ProgrammePairing = { id: number; teamId: number; team: string; clinic: string; planned: number | null };
export type ProgrammeState = { postings: ProgrammePosting[]; pairings: ProgrammePairing[] };

export type BreachRule = "posting" | "coverage" | "part_time_days" | "part_time_share" | "rotation" | "staffing";
/**
 * `key` names what is in breach (a posting, a clinic, a post), `severity` how far: a change that makes a
 * breach new or worse is the change's; one that was there before is not (the sweep reports it once).
 */
/** `teamIds`: the supporting hospitals whose postings (or pairing) the breach is about: they hear of it too. */
export type Breach = { rule: BreachRule; key: string; severity: number; level: "refuse" | "warn"; message: string; postingIds: number[]; teamIds: number[] };

/** Months from the first day to the last, both counted: 2021-05-01 … 2021-10-31 is 6. */
export const monthsBetween = (start: LocalDate, end: LocalDate) => dayjs.utc(addDays(end, 1)).diff(dayjs.utc(start), "month", true);

type Dated = ProgrammePosting & { start: LocalDate; end: LocalDate };

/** A posting's days: its own, or the programme's fixed cycle where it gives none (it runs to the end). */
function dated(rules: ProgrammeRules, postings: ProgrammePosting[]): Dated[] {
  const cycle = "start" in rules.cycle ? rules.cycle : undefined;
  return postings.flatMap((p) => {
    const [start, end] = [p.start ?? cycle?.start, p.end ?? cycle?.end];
    return start && end ? [{ ...p, start, end }] : [];
  });
}

/** 驻点 postings: the 6-month minimum and rotation are about them; 巡诊 (circuit) has its own minimums. */
const resident = (p: { mode: PostingMode }) => p.mode !== "circuit";

function tooShort(rules: ProgrammeRules, spans: Dated[]): Breach[] {
  const rule = rules.posting;
  if (!rule) return [];
  return spans.filter(resident).flatMap((p) => {
    const months = monthsBetween(p.start, p.end);
    if (months + 1e-9 >= rule.minMonths) return [];
    const message = say("breach.posting", { names: p.person, start: p.start, end: p.end, months: Math.round(months * 10) / 10, minimum: rule.minMonths, clause: rule.clause });
    return [{ rule: "posting", key: `posting:${p.id}`, severity: rule.minMonths - months, level: rule.level, message, postingIds: [p.id], teamIds: [p.teamId] } satisfies Breach];
  });
}

/** The first day of [from, to] no span covers, and how many days are uncovered. */
function gap(spans: Dated[], from: LocalDate, to: LocalDate): { first: LocalDate; days: number } | undefined {
  let covered = addDays(from, -1);
  let first: LocalDate | undefined;
  let days = 0;
  for (const s of [...spans].sort((a, b) => a.start.localeCompare(b.start))) {
    if (s.start > addDays(covered, 1)) {
      first ??= addDays(covered, 1);
      const until = s.start < to ? addDays(s.start, -1) : to;
      days += dayjs.utc(until).diff(dayjs.utc(addDays(covered, 1)), "day") + 1;
    }
    if (s.end > covered) covered = s.end;
    if (covered >= to) break;
  }
  if (covered < to) (first ??= addDays(covered, 1)), (days += dayjs.utc(to).diff(dayjs.utc(addDays(covered, 1)), "day") + 1);
  return first ? { first, days } : undefined;
}

function uncovered(rules: ProgrammeRules, spans: Dated[], pairings: ProgrammePairing[]): Breach[] {
  const rule = rules.coverage;
  if (!rule || !("start" in rules.cycle)) return [];
  const { start, end } = rules.cycle;
  const byClinic = groupBy(spans, (p) => p.clinic);
  for (const p of pairings) if (!byClinic.has(p.clinic)) byClinic.set(p.clinic, []);
  return [...byClinic].flatMap(([clinic, list]) => {
    const g = gap(list, start, end);
    if (!g) return [];
    const message = say("breach.coverage", { clinic, from: g.first, start, end, clause: rule.clause });
    return [{ rule: "coverage", key: `coverage:${clinic}`, severity: g.days, level: rule.level, message, postingIds: list.map((p) => p.id), teamIds: teams([...list, ...pairings.filter((p) => p.clinic === clinic)]) } satisfies Breach];
  });
}

const teams = (list: { teamId: number }[]) => [...new Set(list.map((p) => p.teamId))];

/** 半脱产: fewer days a week on site than the document allows, and more of the programme part-time than its share. */
function partTime(rules: ProgrammeRules, postings: ProgrammePosting[]): Breach[] {
  const rule = rules.partTime;
  if (!rule) return [];
  const part = postings.filter((p) => p.mode === "part_time");
  const breaches: Breach[] = [];
  for (const p of part) {
    const days = p.weekdays.length;
    if (!rule.minDaysPerWeek || days >= rule.minDaysPerWeek) continue;
    const message = say("breach.part_time_days", { names: p.person, days, minimum: rule.minDaysPerWeek, clause: rule.clause });
    breaches.push({ rule: "part_time_days", key: `part_time_days:${p.id}`, severity: rule.minDaysPerWeek - days, level: rule.level, message, postingIds: [p.id], teamIds: [p.teamId] });
  }
  const total = new Set(postings.map((p) => p.personId)).size;
  const partCount = new Set(part.map((p) => p.personId)).size;
  if (rule.maxShare !== undefined && total > 0 && partCount / total > rule.maxShare + 1e-9) {
    const message = say("breach.part_time_share", { count: partCount, total, percent: Math.round(rule.maxShare * 100), clause: rule.clause });
    breaches.push({ rule: "part_time_share", key: "part_time_share", severity: partCount / total - rule.maxShare, level: rule.level, message, postingIds: part.map((p) => p.id), teamIds: teams(part) });
  }
  return breaches;
}

/** The most people of a team at a clinic at once: how many posts the pairing has. */
function posts(spans: Dated[]): number {
  return Math.max(...spans.map((s) => new Set(spans.filter((o) => o.start <= s.start && o.end >= s.start).map((o) => o.personId)).size));
}

/** 轮换: more people through a post in the programme's year than the document allows. */
function rotation(rules: ProgrammeRules, spans: Dated[]): Breach[] {
  const rule = rules.rotation;
  if (!rule) return [];
  return [...groupBy(spans.filter(resident), (p) => `${p.team}|${p.clinic}`).values()].flatMap((list) => {
    const people = new Set(list.map((p) => p.personId)).size;
    const allowed = rule.maxPeoplePerPostYear * posts(list);
    if (people <= allowed) return [];
    const { team, clinic } = list[0];
    const message = say("breach.rotation", { team, clinic, people, allowed, clause: rule.clause });
    return [{ rule: "rotation", key: `rotation:${team}|${clinic}`, severity: people - allowed, level: rule.level, message, postingIds: list.map((p) => p.id), teamIds: teams(list) } satisfies Breach];
  });
}

/** 选派医师数: a pairing with fewer doctors in post (or yet to start) than the document's list sends, while the cycle runs. */
function staffing(rules: ProgrammeRules, spans: Dated[], pairings: ProgrammePairing[], today: LocalDate): Breach[] {
  const rule = rules.staffing;
  const cycleEnd = "start" in rules.cycle ? rules.cycle.end : undefined;
  if (!rule || (cycleEnd && today > cycleEnd)) return [];
  const open = spans.filter((p) => (p.status === "planned" || p.status === "arrived") && p.end >= today);
  return pairings.flatMap((pairing) => {
    if (!pairing.planned) return [];
    const posted = new Set(open.filter((p) => p.pairingId === pairing.id).map((p) => p.personId)).size;
    if (posted >= pairing.planned) return [];
    const message = say("breach.staffing", { team: pairing.team, clinic: pairing.clinic, planned: pairing.planned, posted, clause: rule.clause });
    return [{ rule: "staffing", key: `staffing:${pairing.team}|${pairing.clinic}`, severity: pairing.planned - posted, level: rule.level, message, postingIds: [], teamIds: [pairing.teamId] } satisfies Breach];
  });
}

/** Every breach of the programme's rules as the programme stands, on `today`. Replaced postings are history and count like ended ones. */
export function judgeProgramme(rules: ProgrammeRules, state: ProgrammeState, today: LocalDate): Breach[] {
  const spans = dated(rules, state.postings);
  return [
    ...tooShort(rules, spans), ...uncovered(rules, spans, state.pairings), ...partTime(rules, state.postings),
    ...rotation(rules, spans), ...staffing(rules, spans, state.pairings, today),
  ];
}

/** What a change did: breaches new after it, or worse than before it. */
export function breachesOfChange(before: Breach[], after: Breach[]): Breach[] {
  const was = new Map(before.map((b) => [b.key, b.severity]));
  return after.filter((b) => !was.has(b.key) || b.severity > was.get(b.key)! + 1e-9);
}

/** What an audit entry keeps of a change's warnings: their text, only when there were any. */
export const warned = (warnings: Breach[]) => (warnings.length > 0 ? { warnings: warnings.map((w) => w.message) } : {});
