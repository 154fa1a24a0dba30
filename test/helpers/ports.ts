import { createServer } from "node:net";

// Below Linux's ephemeral range (32768-60999): a port in it can be held by any outgoing connection
// (to PostgreSQL, Redis, a fake platform), and a server started on it fails with EADDRINUSE. CI lost
// a run to exactly that (43274). Each port is tried by listening on it the way the server will.
const LOW = 20_000;
const SPAN = 12_000;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** A port nothing listens on now, outside the range the kernel hands to outgoing connections. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = LOW + Math.floor(Math.random() * SPAN);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${LOW}-${LOW + SPAN}`);
}

/** `count` consecutive free ports (nginx's upstream, HTTPS and HTTP). */
export async function freePorts(count: number): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const first = await freePort();
    const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => bindable(first + 1 + i)));
    if (rest.every(Boolean)) return first;
  }
  throw new Error(`no ${count} free ports in a row`);
}
