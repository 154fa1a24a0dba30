// The console's 管理 page and programme list: people and their roles, organisation tokens (create once,
// revoke), the audit log. People, tokens and the log are the admin's; the programme list is anyone's scope.
import { z } from "zod";
import { AppError } from "../errors.js";
import { fromDbDate } from "../infra/time.js";
import { listProgrammes } from "../services/programme/list-programmes.js";
import { listPeople } from "../services/people/list-people.js";
import { updatePerson } from "../services/people/update-person.js";
import { listApiTokens } from "../services/tokens/list-api-tokens.js";
import { createApiToken } from "../services/tokens/create-api-token.js";
import { revokeApiToken } from "../services/tokens/revoke-api-token.js";
import { findOrganization } from "../services/people/find-organization.js";
import { listAuditLog } from "../services/audit/list-audit-log.js";
import { findAuditNames } from "../services/audit/find-audit-names.js";
import { findAuditActors } from "../services/audit/find-audit-actors.js";
import { addDays, startOfLocalDay as dayStart } from "../infra/time.js";
import { auditSentence, channelOf } from "./audit-sentence.js";
import { audit } from "../services/audit/audit.js";
import { createRenderer } from "../templates/render.js";
import type { Caller } from "./caller.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";
import { Day, Page, paged, pageOf, pathId } from "./schemas.js";

const say = createRenderer("api");
const sayAudit = createRenderer("audit");
const KINDS = ["posting", "arrival", "roster", "programme", "assessment", "oversight", "filing", "person", "token", "leave", "organization", "console"] as const;
/** A kind as the page offers it, as the actions' first words: 督导与会议 is both visits and meetings. */
const actionsOf = (kind: (typeof KINDS)[number]) => (kind === "oversight" ? ["visit", "meeting"] : [kind]);
const AuditQuery = z.object({ who: z.string().trim().min(1).max(50).optional(), kind: z.enum(KINDS).optional(), from: Day.optional(), to: Day.optional(), ...Page });

function adminOnly(caller: Caller): void {
  if (!caller.admin) throw new AppError("forbidden", say("console.admin_only"));
}

const ROLES = ["doctor", "clinic_contact", "leader", "admin"] as const;
const PeopleQuery = z.object({ role: z.enum(ROLES).optional(), name: z.string().trim().max(50).optional(), org: z.string().trim().max(100).optional(), ...Page });
const PersonBody = z.object({
  role: z.enum(ROLES).optional(), department: z.string().trim().max(50).nullable().optional().transform((d) => (d === "" ? null : d)),
  phone: z.string().trim().regex(/^([\d+-]{5,20})?$/).nullable().optional().transform((p) => (p === "" ? null : p)),
});
const TokenBody = z.object({ org: z.string().trim().min(1).max(100), label: z.string().trim().max(100).optional() });

export function adminEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  return [
    endpoint({
      method: "get", path: "/programmes", tag: "programmes", summary: "The programmes in the caller's scope, with whether their rules are applied",
      async handler({ caller }) {
        const rows = await listProgrammes(db, caller.admin ? undefined : caller.scope.postings);
        return { items: rows.map((p) => ({ name: p.name, region: p.region, startDate: p.startDate && fromDbDate(p.startDate), endDate: p.endDate && fromDbDate(p.endDate), ruled: p.rules !== null })) };
      },
    }),
    endpoint({
      method: "get", path: "/people", tag: "admin", summary: "People on the roster with their roles and chat accounts (admin)", query: PeopleQuery,
      async handler({ query: q, caller }) {
        adminOnly(caller);
        return pageOf(q, (page) => listPeople(db, { ...page, role: q.role, name: q.name || undefined, org: q.org || undefined }), (p) => ({
          id: p.id, name: p.name, role: p.role, organization: p.organization.name, department: p.department, phone: p.phone, platforms: p.identities.map((i) => i.platform),
        }));
      },
    }),
    endpoint({
      method: "post", path: "/people/:id", tag: "admin", summary: "Change a person's role, department or phone (admin), audited with before and after", body: PersonBody,
      async handler({ params, body, caller }) {
        adminOnly(caller);
        const id = pathId(params.id);
        if (!(await updatePerson(db, { id, change: body, actor: caller.actor }))) throw new AppError("not_found", say("not_found"));
        return { id, ...body };
      },
    }),
    endpoint({
      method: "get", path: "/tokens", tag: "admin", summary: "Organisation tokens (the secrets are not stored, so not listed) (admin)",
      async handler({ caller }) {
        adminOnly(caller);
        return { items: (await listApiTokens(db)).map((t) => ({ id: t.id, organization: t.organization.name, label: t.label, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt })) };
      },
    }),
    endpoint({
      method: "post", path: "/tokens", tag: "admin", summary: "Create an organisation's token: shown once, in this answer (admin)", body: TokenBody, status: 201,
      async handler({ body, caller }) {
        adminOnly(caller);
        const org = await findOrganization(db, body.org);
        if (!org) throw new AppError("bad_request", say("export.no_org", { org: body.org }));
        const { id, token } = await createApiToken(db, org.id, body.label || org.name);
        await audit(db, caller.actor, "token.create", `token:${id}`, { organization: org.name, label: body.label ?? null });
        return { id, organization: org.name, token };
      },
    }),
    endpoint({
      method: "post", path: "/tokens/:id/revoke", tag: "admin", summary: "Revoke a token: refused from its next request (admin)",
      async handler({ params, caller }) {
        adminOnly(caller);
        const id = pathId(params.id);
        if (!(await revokeApiToken(db, id))) throw new AppError("not_found", say("not_found"));
        await audit(db, caller.actor, "token.revoke", `token:${id}`);
        return { id, revoked: true };
      },
    }),
    endpoint({
      method: "get", path: "/audit", tag: "admin", summary: "The audit log, newest first, each entry as a Chinese sentence (admin): filtered by who (any part of a name, or 管理员), kind and day", query: AuditQuery,
      async handler({ query: q, caller }) {
        adminOnly(caller);
        const filter = { actors: q.who ? await findAuditActors(db, q.who, [sayAudit("who.admin"), sayAudit("who.cli")]) : undefined, kinds: q.kind ? actionsOf(q.kind) : undefined, from: q.from ? dayStart(q.from, deps.tz) : undefined, to: q.to ? dayStart(addDays(q.to, 1), deps.tz) : undefined };
        const { rows, total } = await listAuditLog(db, { ...filter, skip: (q.page - 1) * q.pageSize, take: q.pageSize });
        const names = await findAuditNames(db, rows.flatMap((a) => [a.actor, a.subject]));
        const items = rows.map((a) => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, subject: a.subject, data: a.data, channel: channelOf(a.actor), sentence: auditSentence(a, names) }));
        return paged(items, total, q.page, q.pageSize);
      },
    }),
  ];
}
