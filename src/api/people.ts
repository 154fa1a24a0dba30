// Naming who answers for a posting from the console: the signatories of its boxes and its leave
// approver (GET /postings/:id/signatories), a person registered where they belong (POST /people), and a
// one-time sign-in link for them (POST /people/:id/login-link), handed over by phone or message so they
// can sign in the console without a chat account. Judged by what each write would change: the
// organisation must be the caller's to touch, and only the admin makes or changes an admin.
import { z } from "zod";
import { AppError } from "../errors.js";
import type { DbClient } from "../infra/db.js";
import { audit } from "../services/audit/audit.js";
import { mayTouchOrg } from "../services/access/check-roster-access.js";
import { addPerson } from "../services/people/add-person.js";
import { findPostingSignatories } from "../services/people/find-posting-signatories.js";
import { createLoginLink, LINK_MINUTES } from "../services/sessions/create-login-link.js";
import { createRenderer } from "../templates/render.js";
import type { Caller } from "./caller.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import { visiblePosting, type ApiDeps } from "./postings.js";
import { Id, pathId } from "./schemas.js";

const say = createRenderer("api");

const PersonBody = z.object({
  name: z.string().trim().min(2).max(50), role: z.enum(["clinic_contact", "leader", "admin"]),
  organizationId: Id.optional(),
  /** A county's bureau not yet registered (the admin's): its name and county. */
  bureau: z.object({ name: z.string().trim().min(2).max(100), region: z.string().trim().min(2).max(30) }).optional(),
  department: z.string().trim().max(50).optional(), phone: z.string().trim().regex(/^[\d+-]{5,20}$/).optional(),
}).refine((b) => !!b.organizationId !== !!b.bureau, { message: "organizationId or bureau", path: ["organizationId"] });

/** A bureau (or the admin) may register people at an organisation it governs every programme of. */
async function mayRegisterAt(db: DbClient, caller: Caller, orgId: number): Promise<boolean> {
  if (caller.admin) return true;
  return caller.org?.kind === "authority" && (await mayTouchOrg(db, caller, orgId));
}

async function organizationFor(db: DbClient, caller: Caller, body: z.infer<typeof PersonBody>): Promise<string> {
  if (body.bureau) {
    if (!caller.admin) throw new AppError("forbidden", say("console.admin_only"));
    return body.bureau.name;
  }
  const org = await db.organization.findUnique({ where: { id: body.organizationId! }, select: { id: true, name: true } });
  if (!org) throw new AppError("not_found", say("not_found"));
  if (!(await mayRegisterAt(db, caller, org.id))) throw new AppError("forbidden", say("scope.outside"));
  return org.name;
}

export function peopleEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  return [
    endpoint({
      method: "get", path: "/postings/:id/signatories", tag: "postings", summary: "Who signs each box of the posting's assessment and who approves its leave, and where a missing one would be registered",
      async handler({ params, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        return { postingId: posting.id, ...(await findPostingSignatories(db, posting.id)) };
      },
    }),
    endpoint({
      method: "post", path: "/people", tag: "admin", summary: "Register a clinic contact, leader or admin at an organisation (as `people add`); the same name there is updated", body: PersonBody, status: 201,
      async handler({ body, caller }) {
        if (body.role === "admin" && !caller.admin) throw new AppError("forbidden", say("console.admin_only"));
        const org = await organizationFor(db, caller, body);
        const existing = await db.person.findFirst({ where: { name: body.name, organization: { name: org } }, select: { role: true } });
        if (existing?.role === "admin" && !caller.admin) throw new AppError("forbidden", say("console.admin_only"));
        const added = await addPerson(db, { name: body.name, org, role: body.role, department: body.department, phone: body.phone, ...(body.bureau ? { kind: "authority" as const, region: body.bureau.region } : {}) });
        await audit(db, caller.actor, "person.add", `person:${added!.person.id}`, { role: body.role, organization: org });
        return { id: added!.person.id, name: added!.person.name, role: body.role, organization: org };
      },
    }),
    endpoint({
      method: "post", path: "/people/:id/login-link", tag: "admin", summary: `A one-time console sign-in link for a person (valid ${LINK_MINUTES} minutes), to hand over by phone or message`,
      async handler({ params, caller }) {
        const person = await db.person.findUnique({ where: { id: pathId(params.id) }, select: { id: true, name: true, role: true, organizationId: true } });
        if (!person) throw new AppError("not_found", say("not_found"));
        if (person.role === "admin" ? !caller.admin : !(await mayRegisterAt(db, caller, person.organizationId))) throw new AppError("forbidden", say("scope.outside"));
        const token = await createLoginLink(db, { personId: person.id, now: deps.now() });
        await audit(db, caller.actor, "console.link", `person:${person.id}`);
        return { name: person.name, path: `/console/login?t=${token}`, minutes: LINK_MINUTES };
      },
    }),
  ];
}
