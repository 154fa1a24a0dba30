// The processing thread's composition root: everything that happens after an acknowledgement (taking stored
// messages, deciding, recording, answering) and the scheduler's jobs, on an event loop and database
// connections of their own. The web thread (main.ts) only verifies, stores and acknowledges, so a backlog
// being processed never makes an acknowledgement wait. Started and restarted by supervisor.ts.
import { parentPort, workerData } from "node:worker_threads";
import { loadConfig } from "../config.js";
import { bufferedStdout, createLogger } from "../infra/logger.js";
import { openDatabase, openPgliteOverPort } from "../infra/db.js";
import { openStore } from "../infra/open.js";
import type { ChannelDeps } from "../channels/deps.js";
import { startInboundWorker } from "../channels/worker.js";
import { startScheduler } from "../schedule/scheduler.js";
import { botSettings, createChannels, createScheduleDeps } from "../compose.js";
import type { FromThread, ThreadData, ToThread } from "./messages.js";
import { within } from "../infra/within.js";

const port = parentPort!;
const post = (message: FromThread) => port.postMessage(message);

async function start(data: ThreadData): Promise<void> {
  const config = loadConfig();
  // Straight to the file descriptor: a worker thread's process.stdout is relayed through the web thread.
  const log = createLogger(config.LOG_LEVEL, bufferedStdout()).child({ thread: "processing" });
  const db = data.database ? openPgliteOverPort(data.database) : openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  const store = openStore(config);
  const bot: ChannelDeps = {
    db: db.client, store, log, ...botSettings(config),
    countOutcome: (platform, outcome) => post({ type: "outcome", platform, outcome }),
  };
  const { adapters, wecom, dingtalk, answers } = createChannels(config, bot, store, log);
  // A thread of its own is not a core of its own: on two cores, every message processed while callbacks
  // flood in is CPU the next acknowledgement waits for, so the web thread's pressure paces the worker.
  const told = { busy: false, flooded: false };
  const pressure = { busy: () => told.busy, flooded: () => told.flooded };
  const worker = (bot.worker = startInboundWorker(bot, adapters, { concurrency: config.WORKER_CONCURRENCY, pollMs: 1000, pressure }));
  const scheduler = data.scheduler
    ? startScheduler(createScheduleDeps(config, { db: db.client, store, log: log.child({ component: "scheduler" }), wecom, dingtalk }))
    : undefined;
  const report = setInterval(() => {
    post({ type: "memory", memory: process.memoryUsage() });
    post({ type: "in-flight", n: worker.inFlight() });
  }, data.memoryEveryMs);
  report.unref();

  async function stop(graceMs: number): Promise<void> {
    clearInterval(report);
    // The worker first: what it finishes may queue answers, which then have the rest of the grace period.
    const drained = await within(graceMs, Promise.allSettled([scheduler?.stop(), worker.stop().then(() => answers?.drained())]));
    if (!drained) {
      log.warn({ unfinished: worker.inFlight(), answersWaiting: answers?.waiting() ?? 0 }, "shutdown grace over: unfinished messages are left for the next start's sweep; waiting answers are not sent");
    }
    await store.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    process.exit(0);
  }
  port.on("message", (message: ToThread) => {
    if (message.type === "kick") worker.kick();
    else if (message.type === "pressure") {
      const eased = (told.busy && !message.busy) || (told.flooded && !message.flooded);
      Object.assign(told, { busy: message.busy, flooded: message.flooded });
      if (eased) worker.kick();
    }
    else if (message.type === "stop") void stop(message.graceMs);
  });
  post({ type: "ready" });
}

start(workerData as ThreadData).catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
