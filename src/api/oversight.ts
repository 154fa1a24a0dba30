// Logging oversight from the console: a supervision visit (督导) with its visitor and their capacity, and
// a supporting hospital's meeting (会议) with its minutes. Each write is judged by what it would record:
// the clinic or hospital must be in the caller's scope, and the capacity must be the caller's own (a
// bureau logs a bureau's visit, a hospital its leaders' and department heads'; the admin any).
import { z } from "zod";
import type { VisitorKind } from "../generated/prisma/client.js";
import { AppError } from "../errors.js";
import type { DbClient } from "../infra/db.js";
import { audit } from "../services/audit/audit.js";
import { findClinicInScope } from "../services/access/find-clinic-in-scope.js";
import { findOrganization } from "../services/people/find-organization.js";
import { logVisit, type VisitRecord } from "../services/oversight/log-visit.js";
import { logMeeting } from "../services/oversight/log-meeting.js";
import { createRenderer } from "../templates/render.js";
import type { Caller } from "./caller.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";
import { Day } from "./schemas.js";

const say = createRenderer("api");
const KINDS = ["bureau", "hospital_leader", "dept_head"] as const;
const Name = z.string().trim().min(1).max(60);

const VisitBody = z.object({
  clinic: Name, visitedOn: Day, visitorKind: z.enum(KINDS).optional(), visitors: z.string().trim().max(200).optional(),
  /** For the admin logging a hospital's visit: which hospital it was for. */
  supportingOrg: Name.optional(), department: z.string().trim().max(50).optional(), report: z.string().trim().max(2000).default(""),
});

const MeetingBody = z.object({
  supportingOrg: Name.optional(), heldOn: Day, title: z.string().trim().min(2).max(100), attendees: z.string().trim().max(500).optional(),
  minutes: z.string().trim().max(20_000).optional(),
});

/** A supporting hospital the caller may record for: its own, or (admin, bureau) one paired in scope. */
async function hospitalInScope(db: DbClient, caller: Caller, name: string | undefined): Promise<{ id: number; name: string }> {
  if (caller.org?.kind === "supporting" && (!name || name === caller.org.name)) return caller.org;
  if (!name) throw new AppError("bad_request", say("oversight.hospital_needed"));
  const org = await findOrganization(db, name);
  const paired = org?.kind === "supporting" && (await db.pairing.count({ where: { AND: [caller.scope.pairings, { supportingOrgId: org.id }] } })) > 0;
  if (!org || !paired || caller.org?.kind === "supporting") throw new AppError("bad_request", say("oversight.no_hospital", { name }));
  return org;
}

/** The capacity a caller may log a visit in: the admin any, a bureau its own, a hospital its leaders'. */
function capacityAllowed(caller: Caller, kind: VisitorKind): boolean {
  if (caller.admin) return true;
  if (caller.org?.kind === "authority") return kind === "bureau";
  return caller.org?.kind === "supporting" && kind !== "bureau";
}

const defaultKind = (caller: Caller): VisitorKind => (caller.org?.kind === "supporting" ? (caller.department ? "dept_head" : "hospital_leader") : "bureau");

async function visitRecord(db: DbClient, caller: Caller, body: z.infer<typeof VisitBody>): Promise<VisitRecord> {
  const visitorKind = body.visitorKind ?? defaultKind(caller);
  if (!capacityAllowed(caller, visitorKind)) throw new AppError("forbidden", say("oversight.capacity", { kind: say(`oversight.kind.${visitorKind}`) }));
  const visitors = body.visitors || caller.person?.name;
  if (!visitors) throw new AppError("bad_request", say("oversight.visitors_needed"));
  const hospital = visitorKind === "bureau" ? null : await hospitalInScope(db, caller, body.supportingOrg);
  const department = visitorKind === "dept_head" ? (caller.department ?? body.department ?? null) : null;
  if (visitorKind === "dept_head" && !department) throw new AppError("bad_request", say("oversight.department_needed"));
  return { visitorKind, visitors, supportingOrgId: hospital?.id ?? null, department, loggedById: caller.person?.id ?? null };
}

export function oversightEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  return [
    endpoint({
      method: "post", path: "/visits", tag: "oversight", summary: "Log a supervision visit to a clinic: who visited and in what capacity (卫健局, 医院领导, 科室主任), as 督导 in chat does", body: VisitBody, status: 201,
      async handler({ body, caller }) {
        if (!caller.admin && !caller.org) throw new AppError("forbidden", say("console.leaders_only"));
        // Judged by the clinic the visit would be recorded at: one outside the caller's scope is not found.
        const clinic = await findClinicInScope(db, caller, body.clinic);
        if (!clinic) throw new AppError("bad_request", say("console.no_clinic", { clinic: body.clinic }));
        const record = await visitRecord(db, caller, body);
        const logged = await logVisit(db, { ...record, clinic, visitedOn: body.visitedOn, report: body.report });
        await audit(db, caller.actor, "visit.log", `org:${logged.clinic}`, { visitedOn: body.visitedOn, visitorKind: record.visitorKind, visitors: record.visitors });
        return { clinic: logged.clinic, visitedOn: body.visitedOn, visitorKind: logged.visitorKind, visitors: record.visitors };
      },
    }),
    endpoint({
      method: "post", path: "/meetings", tag: "oversight", summary: "Log a supporting hospital's meeting on the programme, with its attendees and minutes", body: MeetingBody, status: 201,
      async handler({ body, caller }) {
        if (!caller.admin && caller.org?.kind !== "authority" && caller.org?.kind !== "supporting") throw new AppError("forbidden", say("scope.outside"));
        const hospital = await hospitalInScope(db, caller, body.supportingOrg);
        const id = await logMeeting(db, { supportingOrgId: hospital.id, heldOn: body.heldOn, title: body.title, attendees: body.attendees, minutes: body.minutes, loggedById: caller.person?.id ?? null });
        await audit(db, caller.actor, "meeting.log", `org:${hospital.name}`, { heldOn: body.heldOn, title: body.title });
        return { id, supportingOrg: hospital.name, heldOn: body.heldOn, title: body.title };
      },
    }),
  ];
}
