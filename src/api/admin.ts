// The console's 管理 page and programme list: people and their roles, organisation tokens (create once,
// revoke), the audit log. People, tokens and the log are the admin's; the programme list is anyone's scope.
import { z } from "zod";
import { AppError } from "../errors.js";
import { fromDbDate } from "../infra/time.js";
import { listProgrammes } from "../services/programme/list-programmes.js";
import { listPeople } from "../services/people/list-people.js";
import { listApiTokens } from "../services/tokens/list-api-tokens.js";
import { createApiToken } from "../services/tokens/create-api-token.js";
import { revokeApiToken } from "../services/tokens/revoke-api-token.js";
import { findOrganization } from "../services/people/find-organization.js";
import { listAuditLog } from "../services/audit/list-audit-log.js";
import { audit } from "../services/audit/audit.js";
import { createRenderer } from "../templates/render.js";
import type { Caller } from "./caller.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";
import { Page, pageOf, pathId } from "./schemas.js";

const say = createRenderer("api");

function adminOnly(caller: Caller): void {
  if (!caller.admin) throw new AppError("forbidden", say("auth.admin_only"));
}

const PeopleQuery = z.object({ role: z.enum(["doctor", "clinic_contact", "leader", "admin"]).optional(), ...Page });
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
        return pageOf(q, (page) => listPeople(db, { ...page, role: q.role }), (p) => ({
          id: p.id, name: p.name, role: p.role, organization: p.organization.name, department: p.department, phone: p.phone, platforms: p.identities.map((i) => i.platform),
        }));
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
      method: "get", path: "/audit", tag: "admin", summary: "The audit log, newest first (admin)", query: z.object({ ...Page }),
      async handler({ query: q, caller }) {
        adminOnly(caller);
        return pageOf(q, (page) => listAuditLog(db, page), (a) => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, subject: a.subject, data: a.data }));
      },
    }),
  ];
}
