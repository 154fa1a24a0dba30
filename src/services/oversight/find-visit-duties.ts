// The supervision duties running postings bring, each with the visits done: a level's minimum over its
// period at a clinic (per supporting hospital below the bureau), from the programme's oversight rules
// counted over its cycle, or the defaults over calendar periods. The one rule the visit reminder and the
// console's 待督导 share.
import type { Db } from "../../infra/db.js";
import type { VisitorKind } from "../../generated/prisma/client.js";
import { halfYearOf, yearOf, type LocalDate, type Period } from "../../infra/time.js";
import { oversightPeriod, type ProgrammeRules } from "../../domain/programme.js";
import { findProgrammeRules } from "../programme/find-programme-rules.js";
import { countVisits } from "./count-visits.js";

/** Supervision minimums without a programme's rules (SPEC §3): bureau ≥2 a year, hospital leaders ≥1 a year, department heads ≥1 a half-year. */
export const VISIT_RULES: { kind: VisitorKind; minimum: number; period: (day: string) => Period }[] = [
  { kind: "bureau", minimum: 2, period: yearOf },
  { kind: "hospital_leader", minimum: 1, period: yearOf },
  { kind: "dept_head", minimum: 1, period: halfYearOf },
];

/** `department`: a department head's duty is for the departments of the doctors posted to the clinic. */
export type VisitDuty = {
  clinicId: number; clinic: string; region: string | null; orgId?: number; org?: string; department?: string;
  kind: VisitorKind; minimum: number; period: Period; periodName: string; done: number;
};

type Running = { programmeId: number; recipientOrgId: number; supportingOrgId: number; recipientOrg: { name: string }; supportingOrg: { name: string }; programme: { region: string | null }; person: { department: string | null } };

function dutiesOf(p: Running, rules: ProgrammeRules | undefined, today: LocalDate): Omit<VisitDuty, "done">[] {
  const duties = rules?.oversight.map((o) => ({ kind: o.visitor, minimum: o.minimum, ...oversightPeriod(rules, o.per, today) }))
    ?? VISIT_RULES.map((r) => ({ kind: r.kind, minimum: r.minimum, period: r.period(today), periodName: r.kind === "dept_head" ? "half_year" : "year" }));
  return duties.map((d) => ({
    clinicId: p.recipientOrgId, clinic: p.recipientOrg.name, region: p.programme.region, kind: d.kind, minimum: d.minimum, period: d.period, periodName: d.periodName,
    // A hospital's leaders and department heads answer for their own hospital's visits only, and a
    // department head for the department of a doctor posted there (对相应科室进行调研、督导).
    ...(d.kind === "bureau" ? {} : { orgId: p.supportingOrgId, org: p.supportingOrg.name }),
    ...(d.kind === "dept_head" && p.person.department ? { department: p.person.department } : {}),
  }));
}

export async function findVisitDuties(db: Db, running: Running[], today: LocalDate): Promise<VisitDuty[]> {
  const rules = new Map<number, ProgrammeRules | undefined>();
  for (const id of new Set(running.map((p) => p.programmeId))) rules.set(id, await findProgrammeRules(db, { id }));
  const duties = new Map<string, Omit<VisitDuty, "done">>();
  for (const p of running) for (const d of dutiesOf(p, rules.get(p.programmeId), today)) duties.set(`${d.clinicId}:${d.orgId ?? ""}:${d.kind}:${d.department ?? ""}`, d);
  const out: VisitDuty[] = [];
  for (const d of duties.values()) out.push({ ...d, done: await countVisits(db, d.clinicId, d.kind, d.period, d.orgId, d.department) });
  return out;
}
