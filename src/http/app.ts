// The Koa app: error middleware first, request log, then the routers. Built from deps, never from env.
import Koa from "koa";
import type Router from "@koa/router";
import type { Logger } from "../infra/logger.js";
import { healthRoutes, type Probe } from "./health-routes.js";
import type { Metrics } from "./metrics.js";
import { handleErrors, logRequests } from "./middleware.js";

export type AppDeps = { log: Logger; metrics: Metrics; probes: Probe[]; routers?: Router[] };

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
  app.silent = true; // errors are logged by handleErrors, once, without reaching the caller
  app.use(handleErrors(deps.log));
  app.use(logRequests(deps.log, deps.metrics));
  for (const router of [healthRoutes(deps.probes, deps.metrics), ...(deps.routers ?? [])]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
