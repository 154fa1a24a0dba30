// The web thread's side of processing: starts the processing thread (thread.ts), hands it the embedded
// database's port where there is one, tells it when something was stored, and restarts it when it dies.
// A worker thread rather than a second process: `npm start` stays one command and one service to deploy,
// the embedded database keeps its one owner (the lock is per process), and a crash is seen at once as the
// thread's exit event, not by polling a pid.
import { MessageChannel, Worker } from "node:worker_threads";
import type { Database } from "../infra/db.js";
import type { Logger } from "../infra/logger.js";
import type { InboundWorker } from "../channels/deps.js";
import type { Probe } from "../http/health-routes.js";
import type { InboundOutcome } from "../generated/prisma/client.js";
import { measureInboundQueue } from "../services/health/measure-inbound-queue.js";
import type { AckPressure } from "../channels/worker.js";
import type { FromThread, ThreadData, ThreadMemory, ToThread } from "./messages.js";

export type ProcessingOptions = {
  db: Database;
  log: Logger;
  scheduler: boolean;
  countOutcome?: (platform: string, outcome: InboundOutcome) => void;
  /** First restart after a crash; doubled for each crash in a row, up to `restartMaxMs`. */
  restartMs?: number;
  restartMaxMs?: number;
  memoryEveryMs?: number;
  /** The ack path's writer: its pressure is passed on to the thread every PRESSURE_EVERY_MS while it changes. */
  pressure?: AckPressure;
  /** The thread's environment, which its config is read from (default: this process's). */
  env?: Record<string, string | undefined>;
};

export type ProcessingThread = InboundWorker & {
  /** For /readyz: fails while the thread is starting again after a crash. */
  probe: Probe;
  /** The thread's own memory, as it last reported it. */
  memory(): ThreadMemory | undefined;
  /** How many times the thread has been started (1 until it first crashes). */
  starts(): number;
  /** The running thread, for what only a Worker can tell (its id); tests end it as a crash would. */
  current(): Worker | undefined;
  /** Resolves once the thread (the current one, or the next after a crash) has said it is ready. */
  ready(): Promise<void>;
};

const PRESSURE_EVERY_MS = 100;

/** A crash-free run this long resets the backoff: the next crash is restarted quickly again. */
const STABLE_MS = 60_000;

/**
 * The thread's module beside this one: as built (.js), or, run from source (tsx: tests, `npm run dev`),
 * the .ts file behind a bootstrap that registers tsx in the thread first (Node 20 does not carry a
 * loader registered with --import into worker threads).
 */
function threadScript(): { script: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith(".ts")) return { script: new URL("./thread.js", import.meta.url), eval: false };
  const tsx = import.meta.resolve("tsx/esm/api");
  const thread = new URL("./thread.ts", import.meta.url).href;
  return { script: `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(thread)}); });`, eval: true };
}

export function startProcessingThread(o: ProcessingOptions): ProcessingThread {
  const restartMs = o.restartMs ?? 1000;
  const restartMaxMs = o.restartMaxMs ?? 30_000;
  let worker: Worker | undefined;
  let state: "starting" | "running" | "down" | "stopped" = "starting";
  let crashesInRow = 0;
  let starts = 0;
  let startedAt = 0;
  let inFlight = 0;
  let memory: ThreadMemory | undefined;
  let kickQueued = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let readyWaiters: (() => void)[] = [];

  const send = (message: ToThread) => worker?.postMessage(message);

  function handle(message: FromThread): void {
    switch (message.type) {
      case "ready":
        state = "running";
        lastPressure = ""; // a new thread hears the pressure afresh
        o.log.info({ starts }, "processing thread ready");
        for (const resolve of readyWaiters.splice(0)) resolve();
        break;
      case "outcome": o.countOutcome?.(message.platform, message.outcome); break;
      case "in-flight": inFlight = message.n; break;
      case "memory": memory = message.memory; break;
    }
  }

  async function launch(): Promise<void> {
    starts++;
    startedAt = Date.now();
    state = "starting";
    const { script, eval: isEval } = threadScript();
    // The embedded database is served from here, on a port only the new thread holds.
    const channel = o.db.serve ? new MessageChannel() : undefined;
    const host = channel && (await o.db.serve!(channel.port1));
    const data: ThreadData = { database: channel?.port2, scheduler: o.scheduler, memoryEveryMs: o.memoryEveryMs ?? 5000 };
    const thread = (worker = new Worker(script, { eval: isEval, workerData: data, transferList: channel ? [channel.port2] : [], env: o.env ?? process.env }));
    thread.on("message", handle);
    thread.on("error", (error) => o.log.error({ err: error.message }, "processing thread failed"));
    thread.on("exit", (code) => {
      void host?.close();
      if (worker === thread) worker = undefined;
      inFlight = 0;
      if (state === "stopped") return;
      state = "down";
      crashesInRow = Date.now() - startedAt > STABLE_MS ? 1 : crashesInRow + 1;
      const delay = Math.min(restartMaxMs, restartMs * 2 ** (crashesInRow - 1));
      // What it had claimed stays claimed until the claim lapses, then is taken again: nothing is lost.
      o.log.error({ code, delayMs: delay }, "processing thread exited; starting it again");
      restartTimer = setTimeout(() => void launch().catch((error: Error) => o.log.error({ err: error.message }, "could not start the processing thread")), delay);
    });
  }

  void launch().catch((error: Error) => o.log.error({ err: error.message }, "could not start the processing thread"));
  // Told only when it changes: one message at the start and one at the end of a burst.
  let lastPressure = "";
  const pressureTimer = o.pressure && setInterval(() => {
    const now = { busy: o.pressure!.busy(), flooded: o.pressure!.flooded() };
    const key = `${now.busy}${now.flooded}`;
    if (key === lastPressure || state !== "running") return;
    lastPressure = key;
    send({ type: "pressure", ...now });
  }, PRESSURE_EVERY_MS);
  pressureTimer?.unref();

  return {
    // Many acknowledgements in one turn make one message to the thread.
    kick() {
      if (kickQueued || state !== "running") return;
      kickQueued = true;
      setImmediate(() => ((kickQueued = false), send({ type: "kick" })));
    },
    inFlight: () => inFlight,
    depth: () => measureInboundQueue(o.db.client),
    memory: () => memory,
    starts: () => starts,
    current: () => worker,
    ready: () => (state === "running" ? Promise.resolve() : new Promise((resolve) => readyWaiters.push(resolve))),
    probe: {
      name: "processing",
      check: async () => {
        if (state !== "running") throw new Error(state === "down" ? "the processing thread stopped and is being started again" : "the processing thread is starting");
      },
    },
    async stop(graceMs = 10_000) {
      state = "stopped";
      clearTimeout(restartTimer);
      clearInterval(pressureTimer);
      const thread = worker;
      if (!thread) return;
      const exited = new Promise<void>((resolve) => thread.once("exit", () => resolve()));
      send({ type: "stop", graceMs });
      // The thread gives itself the grace period; past that and two seconds more (inside main.ts's last
      // resort, five), it is ended from here.
      const late = setTimeout(() => void thread.terminate(), graceMs + 2000);
      await exited;
      clearTimeout(late);
      readyWaiters = [];
    },
  };
}
