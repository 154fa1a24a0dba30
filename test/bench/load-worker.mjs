// The load generator, in a process of its own (a generator inside the server's process measures itself):
// autocannon with a list of requests, cycled, for a fixed time. Reads its job from the JSON file named
// on the command line; prints one JSON line of results.
//   { url, connections, duration, requests: [{ path, body?, headers? }] }
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
let next = 0;
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  ...(job.amount ? { amount: job.amount } : { duration: job.duration }),
  requests: [{
    method: job.method ?? "POST",
    setupRequest: (req) => {
      const r = job.requests[next++ % job.requests.length];
      return { ...req, path: r.path, body: r.body, headers: { ...req.headers, ...(r.headers ?? {}) } };
    },
  }],
});
console.log(JSON.stringify({
  perSecond: result.requests.average, total: result.requests.total, p50: result.latency.p50, p99: result.latency.p99,
  ok: result["2xx"], non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, sent: next,
}));
