// One log line and metrics per request, around the error handling (no stack traces to callers).
import { randomUUID } from "node:crypto";
import type { Context, Next } from "koa";
import { AppError, isAppError } from "../errors.js";
import { isDatabaseUnreachable } from "../infra/db.js";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "./metrics.js";

export function handleErrors(log: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (thrown) {
      const error = isDatabaseUnreachable(thrown) ? new AppError("unavailable", "database unreachable", { cause: thrown }) : thrown;
      const known = isAppError(error);
      ctx.status = known ? error.status : 500;
      ctx.body = { error: known ? error.code : "internal", message: known && error.expose ? error.message : "internal error", ...(known && error.expose && error.issues ? { issues: error.issues } : {}) };
      if (ctx.status >= 500) log.error({ err: error, reqId: ctx.state.reqId }, "request failed");
      else {
        // Forged, stale or foreign callbacks are security events: one line each, nothing stored.
        const security = known && (error.code === "bad_signature" || error.code === "forbidden");
        log.warn({ code: known ? error.code : undefined, security, ip: ctx.ip, reqId: ctx.state.reqId, path: ctx.path }, (error as Error).message);
      }
    }
  };
}

/**
 * Platform callbacks answered 2xx are logged at debug: each is already a row in InboundMessage with its
 * time, counted on /metrics, and at thousands a second the line was a fifth of an acknowledgement's CPU.
 * Refused ones (4xx, 5xx) are logged at info like every other request.
 */
const CALLBACKS = new Set(["/wecom/callback", "/dingtalk/callback"]);

export function logRequests(log: Logger, metrics: Metrics) {
  return async (ctx: Context, next: Next) => {
    const started = process.hrtime.bigint();
    ctx.state.reqId = randomUUID();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? "unmatched";
      metrics.httpRequests.inc({ method: ctx.method, route, status: String(ctx.status) });
      metrics.httpDuration.observe({ method: ctx.method, route }, seconds);
      // The query string is left out: callbacks carry signatures in it.
      const level = ctx.status < 300 && CALLBACKS.has(route) ? "debug" : "info";
      if (log.isLevelEnabled(level)) log[level]({ reqId: ctx.state.reqId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(seconds * 1000), ip: ctx.ip }, "request");
    }
  };
}
