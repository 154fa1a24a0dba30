// /api: the admin HTTP API (issue 7). /api/openapi.json is open; everything else needs a bearer token
// or a console session (whose changes carry its CSRF token).
import Router from "@koa/router";
import type { Endpoint } from "./endpoint.js";
import { mount, openApi } from "./endpoint.js";
import { authenticate, type SessionReader } from "./caller.js";
import { consoleEndpoints } from "./console.js";
import { rosterEndpoints } from "./roster.js";
import { adminEndpoints } from "./admin.js";
import { exportEndpoints } from "./exports.js";
import { postingEndpoints, type ApiDeps } from "./postings.js";
import { reportEndpoints } from "./reports.js";
import { programmeEndpoints } from "./programmes.js";
import { filingEndpoints } from "./filings.js";
import { serviceEndpoints } from "./service.js";
import { organizationEndpoints } from "./organizations.js";
import { oversightEndpoints } from "./oversight.js";
import { peopleEndpoints } from "./people.js";

export const API_PREFIX = "/api";
const VERSION = "1.0.0";

export function apiEndpoints(deps: ApiDeps): Endpoint[] {
  return [...postingEndpoints(deps), ...reportEndpoints(deps), ...exportEndpoints(deps), ...programmeEndpoints(deps),
    ...consoleEndpoints(deps), ...rosterEndpoints(deps), ...adminEndpoints(deps), ...filingEndpoints(deps), ...serviceEndpoints(deps), ...organizationEndpoints(deps), ...oversightEndpoints(deps), ...peopleEndpoints(deps)];
}

/** `session`: the console's signed-in browsers (a cookie) as well as bearer tokens. */
export function apiRoutes(deps: ApiDeps & { adminToken?: string; session?: SessionReader }): Router {
  const endpoints = apiEndpoints(deps);
  const document = openApi(endpoints, API_PREFIX, VERSION);
  const open = new Router({ prefix: API_PREFIX });
  // Every answer here is someone's records or a refusal about them: no browser or proxy keeps a copy.
  open.use(async (ctx, next) => {
    ctx.set("Cache-Control", "no-store");
    await next();
  });
  open.get("/openapi.json", (ctx) => void (ctx.body = document));
  const secured = new Router();
  secured.use(authenticate(deps.db, deps.adminToken, deps.session));
  mount(secured, endpoints);
  open.use(secured.routes(), secured.allowedMethods());
  return open;
}
