// The Koa app: error middleware first, request log, then the routers. Built from deps, never from env.
import Koa from "koa";
import type Router from "@koa/router";
import type { Logger } from "../infra/logger.js";
import { healthRoutes, type Probe } from "./health-routes.js";
import type { Metrics } from "./metrics.js";
import { handleErrors, logRequests } from "./middleware.js";

export type AppDeps = {
  log: Logger; metrics: Metrics; probes: Probe[]; routers?: Router[];
  /** Read the client's address from X-Forwarded-For: only behind a proxy that sets it (TRUST_PROXY). */
  trustProxy?: boolean;
  /** METRICS_TOKEN: /metrics needs it as a bearer token. */
  metricsToken?: string;
};

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: deps.trustProxy ?? false });
  app.silent = true; // errors are logged by handleErrors, once, without reaching the caller
  // The request log wraps the error handler, so it records the status the caller was actually sent.
  app.use(logRequests(deps.log, deps.metrics));
  app.use(handleErrors(deps.log));
  for (const router of [healthRoutes(deps.probes, deps.metrics, deps.metricsToken), ...(deps.routers ?? [])]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
