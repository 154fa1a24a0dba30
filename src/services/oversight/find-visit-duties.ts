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

/**
 * `department`: a department head's duty is for the departments of the doctors posted to the clinic.
 * `perHospital`: the duty is the supporting hospital's (中站's 督查), met by a visit to any clinic it serves
 * (`clinicIds`, `clinic` their names); otherwise it is the one clinic's.
 */
export type VisitDuty = {
  clinicId: number; clinicIds: number[]; clinic: string; region: string | null; orgId?: number; org?: string; department?: string; perHospital?: boolean;
  kind: VisitorKind; minimum: number; period: Period; periodName: string; done: number;
};

type Running = { programmeId: number; recipientOrgId: number; supportingOrgId: number; recipientOrg: { name: string }; supportingOrg: { name: string }; programme: { region: string | null }; person: { department: string | null } };

function dutiesOf(p: Running, rules: ProgrammeRules | undefined, today: LocalDate): Omit<VisitDuty, "done">[] {
  const duties = rules?.oversight.map((o) => ({ kind: o.visitor, minimum: o.minimum, perHospital: o.of === "hospital", ...oversightPeriod(rules, o.per, today) }))
    ?? VISIT_RULES.map((r) => ({ kind: r.kind, minimum: r.minimum, perHospital: false, period: r.period(today), periodName: r.kind === "dept_head" ? "half_year" : "year" }));
  return duties.map((d) => d.perHospital ? {
    clinicId: p.recipientOrgId, clinicIds: [p.recipientOrgId], clinic: p.recipientOrg.name, region: p.programme.region, kind: d.kind, minimum: d.minimum, period: d.period, periodName: d.periodName,
    orgId: p.supportingOrgId, org: p.supportingOrg.name, perHospital: true,
  } : {
    clinicId: p.recipientOrgId, clinicIds: [p.recipientOrgId], clinic: p.recipientOrg.name, region: p.programme.region, kind: d.kind, minimum: d.minimum, period: d.period, periodName: d.periodName,
    // A hospital's leaders and department heads answer for their own hospital's visits only, and a
    // department head for the department of a doctor posted there (对相应科室进行调研、督导).
    ...(d.kind === "bureau" ? {} : { orgId: p.supportingOrgId, org: p.supportingOrg.name }),
    ...(d.kind === "dept_head" && p.person.department ? { department: p.person.department } : {}),
  });
}

export async function findVisitDuties(db: Db, running: Running[], today: LocalDate): Promise<VisitDuty[]> {
  const rules = new Map<number, ProgrammeRules | undefined>();
  for (const id of new Set(running.map((p) => p.programmeId))) rules.set(id, await findProgrammeRules(db, { id }));
  const duties = new Map<string, Omit<VisitDuty, "done">>();
  for (const p of running) {
    for (const d of dutiesOf(p, rules.get(p.programmeId), today)) {
      const key = d.perHospital ? `hospital:${d.orgId}:${d.kind}` : `${d.clinicId}:${d.orgId ?? ""}:${d.kind}:${d.department ?? ""}`;
      const prior = duties.get(key);
      // A hospital's duty gathers every clinic it serves.
      if (prior && d.perHospital && !prior.clinicIds.includes(d.clinicId)) duties.set(key, { ...prior, clinicIds: [...prior.clinicIds, d.clinicId], clinic: `${prior.clinic}、${d.clinic}` });
      else if (!prior) duties.set(key, d);
    }
  }
  const out: VisitDuty[] = [];
  for (const d of duties.values()) {
    // A bureau's 督查 of a hospital is counted over the clinics it serves; a hospital's own visits for that hospital.
    const done = d.perHospital
      ? await countVisits(db, d.clinicIds, d.kind, d.period, d.kind === "bureau" ? undefined : d.orgId)
      : await countVisits(db, d.clinicId, d.kind, d.period, d.orgId, d.department);
    out.push({ ...d, done });
  }
  return out;
}
