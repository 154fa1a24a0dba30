// The supporting hospitals that owe a quarterly meeting, and by when: those with a running posting in a
// programme whose document asks for meetings (渝北 does; 科左中旗 and 中站 do not), or in one without
// rules (the default asks). A quarter the programme's cycle ends inside ends with the cycle: 渝北's
// May–October cycle owes its fourth-quarter meeting by 10-31, while its doctors are still there. The one
// rule the meeting reminder, the digest and the console share.
import type { Db } from "../../infra/db.js";
import { quarterOf, type LocalDate, type Period } from "../../infra/time.js";
import { asksForMeetings, type ProgrammeRules } from "../../domain/programme.js";
import { findProgrammeRules } from "../programme/find-programme-rules.js";
import { groupBy } from "../../infra/collections.js";
import { findMeetingHolders } from "./find-meeting-holders.js";

export type MeetingHost = { name: string; quarter: Period };

/** This quarter as a programme's meetings count it: cut at the cycle's end when the cycle ends inside it. */
function quarterFor(rules: ProgrammeRules | undefined, today: LocalDate): Period {
  const q = quarterOf(today);
  const end = rules && "start" in rules.cycle ? rules.cycle.end : undefined;
  return end && end >= q.from && end < q.to ? { ...q, to: end } : q;
}

export async function findMeetingHosts(db: Db, running: { programmeId: number; supportingOrgId: number; supportingOrg: { name: string } }[], today: LocalDate): Promise<Map<number, MeetingHost>> {
  const rules = new Map<number, ProgrammeRules | undefined>();
  for (const id of new Set(running.map((p) => p.programmeId))) rules.set(id, await findProgrammeRules(db, { id }));
  const hosts = new Map<number, MeetingHost>();
  for (const p of running) {
    const r = rules.get(p.programmeId);
    if (!asksForMeetings(r)) continue;
    const quarter = quarterFor(r, today);
    const prior = hosts.get(p.supportingOrgId);
    // A hospital in two programmes owes its meeting by the earlier end.
    if (!prior || quarter.to < prior.quarter.to) hosts.set(p.supportingOrgId, { name: p.supportingOrg.name, quarter });
  }
  return hosts;
}

/** Which of these hosts logged a meeting in their quarter: one grouped query per quarter end. */
export async function findHostsMet(db: Db, hosts: [number, MeetingHost][]): Promise<Set<number>> {
  const met = new Set<number>();
  for (const group of groupBy(hosts, ([, h]) => h.quarter.to).values()) {
    const held = await findMeetingHolders(db, group.map(([id]) => id), group[0][1].quarter);
    for (const id of held) met.add(id);
  }
  return met;
}
