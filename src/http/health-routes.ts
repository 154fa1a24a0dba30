// /healthz: the process is up. /readyz: the database and the store answer. /metrics: Prometheus text.
import Router from "@koa/router";
import type { Metrics } from "./metrics.js";
import { sameText } from "../infra/same-text.js";

export type Probe = { name: string; check(): Promise<void> };

const PROBE_TIMEOUT_MS = 2000;

async function runProbe(probe: Probe): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), PROBE_TIMEOUT_MS)));
  try {
    await Promise.race([probe.check(), timeout]);
    return undefined;
  } catch (error) {
    return `${probe.name}: ${(error as Error).message || "unreachable"}`;
  } finally {
    clearTimeout(timer);
  }
}

/** `metricsToken`: when set, /metrics answers only `Authorization: Bearer <token>` (Prometheus's bearer_token). */
export function healthRoutes(probes: Probe[], metrics: Metrics, metricsToken?: string): Router {
  const router = new Router();
  router.get("/healthz", (ctx) => {
    ctx.body = { status: "ok" };
  });
  router.get("/readyz", async (ctx) => {
    const problems = (await Promise.all(probes.map(runProbe))).filter((p): p is string => p !== undefined);
    ctx.status = problems.length === 0 ? 200 : 503;
    ctx.body = problems.length === 0 ? { status: "ready" } : { status: "unavailable", problems };
  });
  router.get("/metrics", async (ctx) => {
    if (metricsToken && !sameText(/^Bearer (\S+)$/i.exec(ctx.get("authorization"))?.[1] ?? "", metricsToken)) {
      ctx.status = 401;
      ctx.set("WWW-Authenticate", "Bearer");
      ctx.body = { error: "unauthorized" };
      return;
    }
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
