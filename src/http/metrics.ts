// Prometheus metrics: request counts and latency, inbound messages by platform and outcome.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Journal } from "../infra/journal.js";
import type { InboundWorker } from "../channels/deps.js";
import type { ThreadMemory } from "../processing/messages.js";

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
 * The worker's queue: messages stored and not yet processed, and how long the oldest has waited. A scrape
 * reads the database only when the last reading is older than `maxAgeMs`, one reading at a time: however
 * often (or by whom) /metrics is scraped, the queue costs at most one query per `maxAgeMs`. The reading's
 * time is its own gauge, so a reader can tell a fresh zero from an old one.
 */
export function watchQueue(metrics: Metrics, worker: Pick<InboundWorker, "depth">, maxAgeMs = 1000): void {
  let last = { waiting: 0, oldestMs: 0, at: 0 };
  let reading: Promise<void> | undefined;
  const fresh = () => {
    if (Date.now() - last.at < maxAgeMs) return Promise.resolve();
    reading ??= worker.depth().then((d) => void (last = { ...d, at: Date.now() }), () => undefined).finally(() => (reading = undefined));
    return reading;
  };
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({ name, help, registers: [metrics.registry], async collect() { await fresh(); this.set(value()); } });
  gauge("duikou_inbound_queue_depth", "Inbound messages stored and not yet processed", () => last.waiting);
  gauge("duikou_inbound_queue_lag_seconds", "How long the oldest unprocessed inbound message has waited", () => last.oldestMs / 1000);
  gauge("duikou_inbound_queue_read_timestamp_seconds", "When the queue figures above were read from the database", () => last.at / 1000);
}

/** The processing thread's own heap, as it last reported it (the process's RSS, both threads, is Node's default metric). */
export function watchProcessingMemory(metrics: Metrics, processing: { memory(): ThreadMemory | undefined }): void {
  new Gauge({
    name: "duikou_processing_thread_heap_bytes", help: "The processing thread's V8 heap in use", registers: [metrics.registry],
    collect() { this.set(processing.memory()?.heapUsed ?? 0); },
  });
}
