// The supporting hospitals that owe a quarterly meeting: those with a running posting in a programme
// whose document asks for meetings (渝北 does; 科左中旗 and 中站 do not), or in one without rules (the
// default asks). The one rule the meeting reminder, the digest and the console share.
import type { Db } from "../../infra/db.js";
import { asksForMeetings } from "../../domain/programme.js";
import { findProgrammeRules } from "../programme/find-programme-rules.js";

export async function findMeetingHosts(db: Db, running: { programmeId: number; supportingOrgId: number; supportingOrg: { name: string } }[]): Promise<Map<number, string>> {
  const asked = new Map<number, boolean>();
  for (const id of new Set(running.map((p) => p.programmeId))) asked.set(id, asksForMeetings(await findProgrammeRules(db, { id })));
  return new Map(running.filter((p) => asked.get(p.programmeId)).map((p) => [p.supportingOrgId, p.supportingOrg.name]));
}
