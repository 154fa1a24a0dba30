// The inbound journal: where a message lands when the database cannot take it, so the platform can be
// acknowledged and nothing it sent is lost (DingTalk's robot messages and card taps are never sent again;
// WeCom retries three times within seconds, or not at all). One append-only file of JSON lines per
// instance, each line written and fsync'd before the platform hears "received". The replayer takes a
// file whole: it renames it (new messages go to a fresh file meanwhile), moves every entry into the
// database, and deletes it only when all are in. A crash anywhere in between leaves the file to be
// taken again, and the database's unique message ids keep that from counting anything twice.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, statSync } from "node:fs";
import { open, readFile, rename, rm, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { Platform } from "../generated/prisma/client.js";

export type JournalEntry = {
  platform: Platform;
  msgId: string;
  senderId: string;
  text: string;
  payload?: unknown;
  receivedAt: string;
};

export type Journal = {
  /** Appends and fsyncs; throws when the journal is full or the disk refuses. */
  append(entry: JournalEntry): Promise<void>;
  /** Hands each file's entries to `take`, oldest file first; a file is deleted once `take` resolves. */
  drain(take: (entries: JournalEntry[]) => Promise<void>): Promise<number>;
  /** Keeps an entry the database refused for good (not for being down) beside the journal, for an operator. */
  setAside(entry: JournalEntry, reason: string): Promise<void>;
  /** Bytes waiting, in every file of this instance. */
  bytes(): number;
  close(): Promise<void>;
};

const CURRENT = "inbound.jsonl";
const SET_ASIDE = "refused.jsonl";
const TAKEN = /^inbound\.\d+\.jsonl$/;

export class JournalFullError extends Error {}

/** Opens (creating) the instance's journal directory; `maxBytes` bounds what it may hold. */
export function openJournal(dir: string, maxBytes: number): Journal {
  mkdirSync(dir, { recursive: true });
  syncDir(dir);
  let waiting = sizeOf(dir);
  let handle: FileHandle | undefined;
  // Appends and the rename that starts a drain take turns, so no line lands in a file being taken.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = turn.then(work, work);
    turn = next.catch(() => undefined);
    return next;
  };

  async function currentHandle(): Promise<FileHandle> {
    if (!handle) {
      handle = await open(join(dir, CURRENT), "a");
      syncDir(dir); // the new file's name is durable too
    }
    return handle;
  }

  let draining = false;

  async function drainFiles(take: (entries: JournalEntry[]) => Promise<void>): Promise<number> {
    await inTurn(takeCurrent);
    let moved = 0;
    for (const name of readdirSync(dir).filter((n) => TAKEN.test(n)).sort()) {
      const path = join(dir, name);
      const entries = parseLines(await readFile(path, "utf8"));
      await take(entries);
      const size = statOrZero(path);
      await rm(path);
      waiting = Math.max(0, waiting - size);
      moved += entries.length;
    }
    return moved;
  }

  async function takeCurrent(): Promise<void> {
    await handle?.close();
    handle = undefined;
    const current = join(dir, CURRENT);
    if (statOrZero(current) > 0) await rename(current, join(dir, `inbound.${Date.now()}.jsonl`));
  }

  return {
    append: (entry) => inTurn(async () => {
      const line = Buffer.from(JSON.stringify(entry) + "\n");
      if (waiting + line.length > maxBytes) throw new JournalFullError(`inbound journal full (${waiting} of ${maxBytes} bytes)`);
      const file = await currentHandle();
      await file.appendFile(line);
      await file.datasync();
      waiting += line.length;
    }),

    async drain(take) {
      if (draining) return 0;
      draining = true;
      try {
        return await drainFiles(take);
      } finally {
        draining = false;
      }
    },

    async setAside(entry, reason) {
      const file = await open(join(dir, SET_ASIDE), "a");
      try {
        await file.appendFile(JSON.stringify({ ...entry, refusedBecause: reason }) + "\n");
        await file.datasync();
      } finally {
        await file.close();
      }
    },

    bytes: () => waiting,
    close: () => inTurn(async () => {
      await handle?.close();
      handle = undefined;
    }),
  };
}

/** Every complete line; a last line torn by a crash mid-write was never acknowledged, so it is skipped. */
function parseLines(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // the torn tail of a write that failed before its fsync
    }
  }
  return entries;
}

function statOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function sizeOf(dir: string): number {
  return readdirSync(dir).filter((n) => n === CURRENT || TAKEN.test(n)).reduce((sum, n) => sum + statOrZero(join(dir, n)), 0);
}

function syncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
