// What the web thread and the processing thread say to each other (processing/supervisor.ts and thread.ts).
import type { MessagePort } from "node:worker_threads";
import type { InboundOutcome } from "../generated/prisma/client.js";

/** Given to the thread at its start. */
export type ThreadData = {
  /** The embedded database's port (the web thread owns PGlite); absent on PostgreSQL, where the thread connects itself. */
  database?: MessagePort;
  /** Run the scheduler here (SCHEDULER=on, and not turned off for this start). */
  scheduler: boolean;
  /** How often the thread reports its memory, in ms. */
  memoryEveryMs: number;
};

export type ToThread =
  /** Something was stored: look for work now rather than at the next poll. */
  | { type: "kick" }
  /** How hard acknowledgements press on the web thread now: processing makes room on the shared cores. */
  | { type: "pressure"; busy: boolean; flooded: boolean }
  /** Finish what is in flight (within the grace period), close, and exit. */
  | { type: "stop"; graceMs: number };

export type ThreadMemory = { rss: number; heapUsed: number; heapTotal: number; external: number };

export type FromThread =
  | { type: "ready" }
  | { type: "outcome"; platform: string; outcome: InboundOutcome }
  | { type: "in-flight"; n: number }
  | { type: "memory"; memory: ThreadMemory };
