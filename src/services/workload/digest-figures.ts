// The figures of a leader's weekly digest, over what they lead (a scope of postings): grouped queries
// over the scope, not per posting. The words are the digest job's (templates/reminders.json).
import type { Db } from "../../infra/db.js";
import type { MetricKey, PostingMode, Prisma } from "../../generated/prisma/client.js";
import { addDays, dayjs, dbDate, fromDbDate, type LocalDate } from "../../infra/time.js";
import { groupBy } from "../../infra/collections.js";
import { periodWindow } from "../../domain/periods.js";
import type { Totals } from "../../domain/quantity.js";
import { listProgrammeTargets } from "../targets/list-targets.js";
import { findMeetingHosts, type MeetingHost } from "../oversight/find-meeting-hosts.js";
import { measureClinicGoals, type ClinicGoal } from "../targets/measure-clinic-goals.js";
import { measureWeeksMet, type WeeksMet } from "../targets/measure-weeks-met.js";
import { targetsForPosting, type TargetRule } from "../targets/target-level.js";
import { sumWorkload } from "./sum-workload.js";
import { sumByPosting } from "./sum-by-posting.js";
import { inForceDuring } from "../where.js";

type Running = {
  id: number; personId: number; programmeId: number; status: string; startDate: Date | null; endDate: Date | null; supportingOrgId: number; pairingId: number | null; mode: PostingMode; recipientOrgId: number;
  person: { name: string }; supportingOrg: { name: string };
};
// A window shared by this many postings is summed over the programme's postings in force (one query),
// not over their ids.
const MANY = 500;
export type Behind = { name: string; metric: MetricKey; done: number; minimum: number };

export type DigestFigures = {
  week: Totals; lastWeek: Totals; all: Totals;
  silent: string[]; behind: Behind[]; onLeave: string[]; late: number; pendingArrival: string[];
  /** On leave the approver has not approved (an absence nobody agreed to). */
  unapproved: string[];
  /** The supporting hospitals of the scope's running postings (their meetings are checked by the job). */
  supporting: Map<number, string>;
  /** Those of them whose programme asks for quarterly meetings (findMeetingHosts). */
  meetingHosts: Map<number, MeetingHost>;
  meetings: { title: string; day: LocalDate }[];
  /** The goals of the scope's clinics (特色专科, 适宜技术), counted over each clinic's postings. */
  clinicGoals: ClinicGoal[];
  /** Weekly minimums as weeks met out of the weeks posted so far (中站's 每周…不少于). */
  weeksMet: WeeksMet[];
};

/** By the clinics' ids: the postings were read without their clinics' names (one query for ten thousand). */
async function clinicGoalsOf(db: Db, running: { programmeId: number; recipientOrgId: number }[], today: LocalDate): Promise<ClinicGoal[]> {
  const clinics = new Set(running.map((p) => p.recipientOrgId));
  const goals: ClinicGoal[] = [];
  for (const id of new Set(running.map((p) => p.programmeId))) goals.push(...(await measureClinicGoals(db, id, today)).filter((g) => clinics.has(g.clinicId)));
  return goals;
}

/**
 * The postings in force, with their doctors' and hospitals' names read by joins on the same filter: a
 * bureau's ten thousand postings are three queries, not their ids sent back as parameters.
 */
async function findRunning(db: Db, inForce: Prisma.PostingWhereInput): Promise<Running[]> {
  const rows = await db.posting.findMany({ where: inForce, select: { id: true, personId: true, programmeId: true, status: true, startDate: true, endDate: true, supportingOrgId: true, pairingId: true, mode: true, recipientOrgId: true } });
  if (rows.length === 0) return [];
  const people = new Map((await db.person.findMany({ where: { postings: { some: inForce } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const orgs = new Map((await db.organization.findMany({ where: { supportingPostings: { some: inForce } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  return rows.map((p) => ({ ...p, person: { name: people.get(p.personId)! }, supportingOrg: { name: orgs.get(p.supportingOrgId)! } }));
}

/** Doctors behind a target they answer to (their own, their pairing's or the programme's), pro-rated to the part of the target's window already past. */
async function behindTargets(db: Db, postings: Running[], inForce: Prisma.PostingWhereInput, today: LocalDate): Promise<Behind[]> {
  const behind: Behind[] = [];
  for (const [programmeId, inProgramme] of groupBy(postings, (p) => p.programmeId)) {
    const all = await listProgrammeTargets(db, programmeId);
    if (all.length === 0) continue;
    // Postings answering to the same target are measured together; most answer to the programme's.
    const byTarget = new Map<string, { t: TargetRule; list: Running[] }>();
    for (const p of inProgramme) {
      for (const t of targetsForPosting(all, p)) {
        const k = `${t.metric}|${t.period}|${t.minimum}`;
        const entry = byTarget.get(k) ?? byTarget.set(k, { t, list: [] }).get(k)!;
        entry.list.push(p);
      }
    }
    for (const { t, list } of byTarget.values()) {
      // Postings sharing a window are measured in one grouped query. Most share their dates too, so a
      // window is worked out once per pair of dates, not once per posting.
      const byDates = new Map<string, string>();
      const windowOf = (p: Running) => {
        const dates = `${p.startDate?.getTime()}|${p.endDate?.getTime()}`;
        let key = byDates.get(dates);
        if (key === undefined) byDates.set(dates, (key = JSON.stringify(periodWindow(t.period, today, p.startDate ? fromDbDate(p.startDate) : null, p.endDate ? fromDbDate(p.endDate) : null))));
        return key;
      };
      const windows = groupBy(list, windowOf);
      for (const [key, group] of windows) {
        const w = JSON.parse(key) as { from: LocalDate; to: LocalDate };
        const length = dayjs.utc(w.to).diff(dayjs.utc(w.from), "day") + 1;
        const elapsed = Math.min(length, dayjs.utc(today).diff(dayjs.utc(w.from), "day") + 1);
        const expected = (t.minimum * elapsed) / length;
        const done = await sumByPosting(db, group.length >= MANY ? { AND: [inForce, { programmeId }] } : group.map((p) => p.id), w.from, w.to, [t.metric]);
        for (const p of group) {
          const d = done.get(p.id)?.get(t.metric) ?? 0;
          if (d < Math.floor(expected)) behind.push({ name: p.person.name, metric: t.metric, done: d, minimum: t.minimum });
        }
      }
    }
  }
  return behind;
}

/** The seven days before `today` (a Monday), against the seven before them; undefined when nothing runs in the scope. */
export async function digestFigures(db: Db, o: { scope: Prisma.PostingWhereInput; today: LocalDate; tz: string }): Promise<DigestFigures | undefined> {
  const from = addDays(o.today, -7);
  const to = addDays(o.today, -1);
  const inForce: Prisma.PostingWhereInput = { ...o.scope, status: { in: ["planned", "arrived"] }, ...inForceDuring(from, to) };
  const running = await findRunning(db, inForce);
  if (running.length === 0) return undefined;
  const weekStart = dayjs.tz(from, o.tz).toDate();
  const scoped = { posting: o.scope };
  const reporters = new Set((await db.workloadEntry.groupBy({ by: ["personId"], where: { ...scoped, revokedAt: null, createdAt: { gte: weekStart } } })).map((r) => r.personId));
  // Leave of the scope's people (a join, not their ids as parameters), kept for those running.
  const inPost = new Set(running.map((p) => p.personId));
  const leave = (await db.leave.findMany({
    where: { person: { postings: { some: o.scope } }, startDate: { lte: dbDate(to) }, endDate: { gte: dbDate(from) } },
    select: { personId: true, approvedAt: true, person: { select: { name: true } } },
  })).filter((l) => inPost.has(l.personId));
  const onLeave = new Set(leave.map((l) => l.personId));
  const supporting = new Map(running.map((p) => [p.supportingOrgId, p.supportingOrg.name]));
  const meetings = await db.meeting.findMany({ where: { supportingOrgId: { in: [...supporting.keys()] }, heldOn: { gte: dbDate(from), lte: dbDate(to) } }, select: { title: true, heldOn: true } });
  return {
    week: await sumWorkload(db, { postings: o.scope, from, to }),
    lastWeek: await sumWorkload(db, { postings: o.scope, from: addDays(from, -7), to: addDays(to, -7) }),
    all: await sumWorkload(db, { postings: o.scope }),
    silent: [...new Set(running.filter((p) => !reporters.has(p.personId) && !onLeave.has(p.personId)).map((p) => p.person.name))],
    behind: await behindTargets(db, running, inForce, o.today),
    onLeave: [...new Set(leave.map((l) => l.person.name))],
    unapproved: [...new Set(leave.filter((l) => !l.approvedAt).map((l) => l.person.name))],
    late: await db.workloadEntry.count({ where: { ...scoped, isLateCorrection: true, createdAt: { gte: weekStart } } }),
    pendingArrival: running.filter((p) => p.status === "planned" && p.startDate && fromDbDate(p.startDate) <= o.today).map((p) => p.person.name),
    supporting, meetingHosts: await findMeetingHosts(db, running, o.today),
    meetings: meetings.map((m) => ({ title: m.title, day: fromDbDate(m.heldOn) })),
    clinicGoals: await clinicGoalsOf(db, running, o.today),
    weeksMet: await measureWeeksMet(db, running, to),
  };
}
