// A roster file read in a thread of its own, with a heap and a time limit (roster/limits.ts): the bounds
// read-table.ts applies refuse the files we can foresee, and this refuses the rest. Whatever the file,
// the server's memory grows by at most the thread's heap, and other requests are answered meanwhile.
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { RosterFileError, type RosterFileReason } from "./read-table-error.js";
import { ROSTER_LIMITS } from "./limits.js";
import type { Table } from "./read-table.js";

type Answer = { table: Table } | { refused: { reason: RosterFileReason; detail: string } } | { failed: string };

const here = fileURLToPath(import.meta.url);
const entry = here.replace(/read-in-worker\.(ts|js)$/, "table-worker.$1");

/** Built, the worker is plain JavaScript; from the sources (tests, `npm run dev`) tsx compiles it in the thread. */
function startReader(bytes: Buffer): Worker {
  const options = { workerData: { bytes }, resourceLimits: { maxOldGenerationSizeMb: ROSTER_LIMITS.readerHeapMb, maxYoungGenerationSizeMb: 16 } };
  if (entry.endsWith(".js")) return new Worker(entry, options);
  const code = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`;
  return new Worker(code, { ...options, eval: true });
}

export function readTableInWorker(bytes: Buffer): Promise<Table> {
  if (bytes.length > ROSTER_LIMITS.fileBytes) return Promise.reject(new RosterFileError("too_large", `${bytes.length} bytes`));
  return new Promise((resolve, reject) => {
    const worker = startReader(bytes);
    const timer = setTimeout(() => finish(new RosterFileError("too_complex", `${ROSTER_LIMITS.readerSeconds} s`)), ROSTER_LIMITS.readerSeconds * 1000);
    let done = false;
    function finish(outcome: Table | Error): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }
    worker.once("message", (answer: Answer) => {
      if ("table" in answer) finish(answer.table);
      else if ("refused" in answer) finish(new RosterFileError(answer.refused.reason, answer.refused.detail));
      else finish(new Error(`roster reader failed: ${answer.failed}`));
    });
    // ERR_WORKER_OUT_OF_MEMORY: the thread's heap is spent and the thread is gone, the server is not.
    worker.once("error", (error: NodeJS.ErrnoException) => finish(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new RosterFileError("too_complex", `${ROSTER_LIMITS.readerHeapMb} MB`) : error));
    worker.once("exit", (code) => finish(new Error(`roster reader exited with ${code}`)));
  });
}
