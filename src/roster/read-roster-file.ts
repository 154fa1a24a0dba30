// The CLI's roster file: read from disk within the size bound, then parsed in the reader's own thread
// (read-in-worker.ts), as an upload is.
import { readFileBounded, type Table } from "./read-table.js";
import { readTableInWorker } from "./read-in-worker.js";

export const readRosterFile = (path: string): Promise<Table> => readTableInWorker(readFileBounded(path));
