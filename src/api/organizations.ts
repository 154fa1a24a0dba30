// /api/organizations: the hospitals and clinics in scope. /api/organizations/:id/county: which county a hospital or clinic lies in (支援单位所在区县 /
// 受援单位所在区县), so each county bureau signs its own box. Judged by the organisation as it stands:
// the admin, or a bureau governing every programme it takes part in (mayTouchOrg).
import { z } from "zod";
import { AppError } from "../errors.js";
import { mayTouchOrg } from "../services/access/check-roster-access.js";
import { setOrganizationCounty } from "../services/people/set-organization-county.js";
import { listPairedOrganizations } from "../services/people/list-paired-organizations.js";
import { createRenderer } from "../templates/render.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";
import { pathId } from "./schemas.js";

const say = createRenderer("api");

const CountyBody = z.object({ county: z.string().trim().max(30).nullable().transform((c) => c || null) });

export function organizationEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  return [
    endpoint({
      method: "get", path: "/organizations", tag: "programmes", summary: "The hospitals and clinics paired in the caller's scope, by name (the console's filters)",
      async handler({ caller }) {
        const { supporting, recipient } = await listPairedOrganizations(db, caller.scope.pairings);
        return { supporting, recipient };
      },
    }),
    endpoint({
      method: "post", path: "/organizations/:id/county", tag: "programmes", summary: "Set a hospital's or clinic's 所在区县 (null: the programme's region): whose bureau signs its side of the assessment", body: CountyBody,
      async handler({ params, body, caller }) {
        const org = await db.organization.findUnique({ where: { id: pathId(params.id) }, select: { id: true, name: true, kind: true } });
        if (!org || org.kind === "authority") throw new AppError("not_found", say("not_found"));
        // Only a bureau speaks for where an organisation lies; a hospital does not place itself or a clinic.
        if (!caller.admin && caller.org?.kind !== "authority") throw new AppError("forbidden", say("scope.outside"));
        if (!(await mayTouchOrg(db, caller, org.id))) throw new AppError("forbidden", say("scope.outside"));
        await setOrganizationCounty(db, { id: org.id, county: body.county, actor: caller.actor });
        return { id: org.id, name: org.name, county: body.county };
      },
    }),
  ];
}
