// The load generator the callback benchmarks share: requests CONCURRENCY at a time, latency per request.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import Koa from "koa";

export const CONCURRENCY = 32;
export const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function listen(server: Server): Promise<string> {
  await new Promise((r) => server.once("listening", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type Request = { url: string; body: string; headers?: Record<string, string> };
export type Run = { perSecond: number; p50: number; p99: number; sentAt: number[] };

/** Fires the requests CONCURRENCY at a time; latencies are per request, until its response. */
export async function load(requests: Request[]): Promise<Run> {
  const latencies: number[] = [];
  const sentAt: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const start = (sentAt[i] = performance.now());
      const res = await fetch(requests[i].url, { method: "POST", body: requests[i].body, headers: requests[i].headers });
      await res.text();
      if (res.status !== 200) throw new Error(`callback answered ${res.status}`);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: requests.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), sentAt };
}

/** The baseline: a Koa app that reads the body and answers 200, in the same run as the real route. */
export function bareKoa(): Koa {
  return new Koa().use(async (ctx) => {
    for await (const _ of ctx.req); // read the body, as the real routes do
    ctx.status = 200;
    ctx.body = "";
  });
}
