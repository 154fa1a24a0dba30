// The roster reader's own thread (read-in-worker.ts starts it): reads one file's bytes into a table and
// posts it back, or the reason it could not.
import { parentPort, workerData } from "node:worker_threads";
import { readUploadedTable, RosterFileError } from "./read-table.js";

const { bytes } = workerData as { bytes: Uint8Array };
readUploadedTable(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).then(
  (table) => parentPort!.postMessage({ table }),
  (error: unknown) => parentPort!.postMessage(error instanceof RosterFileError ? { refused: { reason: error.reason, detail: error.message } } : { failed: String((error as Error)?.message ?? error) }),
);
