// Prometheus metrics: request counts and latency, inbound messages by platform and outcome.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Journal } from "../infra/journal.js";
import type { InboundWorker } from "../channels/deps.js";

export type Metrics = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  inboundMessages: Counter<"platform" | "outcome">;
};

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({ name: "duikou_http_requests_total", help: "HTTP requests", labelNames: ["method", "route", "status"], registers: [registry] }),
    httpDuration: new Histogram({
      name: "duikou_http_request_duration_seconds", help: "HTTP request latency", labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
    }),
    inboundMessages: new Counter({ name: "duikou_inbound_messages_total", help: "Inbound chat messages by outcome", labelNames: ["platform", "outcome"], registers: [registry] }),
  };
}

/** The inbound journal's size: above zero only while the database could not take messages (or just after). */
export function watchJournal(metrics: Metrics, journal: Journal): void {
  new Gauge({
    name: "duikou_inbound_journal_bytes", help: "Bytes of inbound messages journaled while the database was unavailable, not yet moved into it",
    registers: [metrics.registry], collect() { this.set(journal.bytes()); },
  });
}

/**
 * The worker's queue: messages stored and not yet processed, and how long the oldest has waited. Read from
 * the database every `everyMs` by a timer, never by a scrape: /metrics then costs no query, however often
 * (or by whom) it is scraped.
 */
export function watchQueue(metrics: Metrics, worker: Pick<InboundWorker, "depth">, everyMs = 15_000): { refreshed: Promise<unknown>; stop(): void } {
  let last = { waiting: 0, oldestMs: 0 };
  const read = async () => void (last = await worker.depth().catch(() => last));
  const timer = setInterval(() => void read(), everyMs);
  timer.unref();
  new Gauge({ name: "duikou_inbound_queue_depth", help: "Inbound messages stored and not yet processed", registers: [metrics.registry], collect() { this.set(last.waiting); } });
  new Gauge({ name: "duikou_inbound_queue_lag_seconds", help: "How long the oldest unprocessed inbound message has waited", registers: [metrics.registry], collect() { this.set(last.oldestMs / 1000); } });
  return { refreshed: read(), stop: () => clearInterval(timer) };
}
