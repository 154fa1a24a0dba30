// A clinic's goals (渝北: 1–2 特色专科 and ≥1 适宜技术 per clinic; 中站: 每年至少填补一项技术空白), counted
// over every posting of the programme at the clinic, in the goal's period of the programme's cycle
// (a "posting" period is the whole cycle: a clinic's goal outlives any one doctor).
import type { Db } from "../../infra/db.js";
import type { MetricKey, TargetPeriod } from "../../generated/prisma/client.js";
import { fromDbDate, type LocalDate } from "../../infra/time.js";
import { periodWindow } from "../../domain/periods.js";
import { sumWorkload } from "../workload/sum-workload.js";

export type ClinicGoal = { clinicId: number; clinic: string; metric: MetricKey; period: TargetPeriod; minimum: number; done: number; from: LocalDate; to: LocalDate };

export async function measureClinicGoals(db: Db, programmeId: number, today: LocalDate): Promise<ClinicGoal[]> {
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { startDate: true, endDate: true } });
  const [start, end] = [programme.startDate && fromDbDate(programme.startDate), programme.endDate && fromDbDate(programme.endDate)];
  const goals = await db.target.findMany({ where: { programmeId, recipientOrgId: { not: null } }, select: { recipientOrgId: true, metric: true, period: true, minimum: true, recipientOrg: { select: { name: true } } }, orderBy: { id: "asc" } });
  const out: ClinicGoal[] = [];
  for (const g of goals) {
    const w = periodWindow(g.period, today, start, end);
    const done = (await sumWorkload(db, { postings: { programmeId, recipientOrgId: g.recipientOrgId! }, metrics: [g.metric], from: w.from, to: w.to })).get(g.metric) ?? 0;
    out.push({ clinicId: g.recipientOrgId!, clinic: g.recipientOrg!.name, metric: g.metric, period: g.period, minimum: g.minimum, done, ...w });
  }
  return out;
}
