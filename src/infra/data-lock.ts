// One owner for a data directory. PGlite is a one-process database: two processes opening the same
// folder each keep their own copy in memory and overwrite each other's files. So whoever opens it (the
// server, or the CLI when no server runs) first takes DATA_DIR/duikou.lock, created exclusively, naming
// its process; everyone else is refused by name, or (the CLI beside a running server) hands its command
// to that server (cli/serve-cli.ts).
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export type LockOwner = {
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/PID/stat): a reused pid has another. */
  startTicks?: string;
  host: string;
  role: "server" | "cli";
  since: string;
  /** The server's own address, for the links the CLI prints when PUBLIC_URL is not set. */
  publicUrl?: string;
};

export class DataDirLocked extends Error {
  constructor(readonly dir: string, readonly owner: LockOwner) {
    super(`${dir} is in use by ${owner.role} process ${owner.pid} on ${owner.host} since ${owner.since}`);
  }
}

export type DataLock = { owner: LockOwner; release(): void };

const lockPath = (dir: string) => join(dir, "duikou.lock");

function startTicksOf(pid: number): string | undefined {
  try {
    // Field 22 of /proc/PID/stat, counted after the command name's closing parenthesis (names may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process cannot be checked: assume it runs
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // ESRCH: no such process
  }
  const ticks = startTicksOf(owner.pid);
  return !owner.startTicks || !ticks || ticks === owner.startTicks;
}

function readOwner(dir: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(lockPath(dir), "utf8")) as LockOwner;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return undefined; // a half-written lock (the owner died while writing it) is as good as none
  }
}

/** The live owner of `dir`, if any; a lock left by a process that has gone is not an owner. */
export function findLockOwner(dir: string): LockOwner | undefined {
  const owner = readOwner(dir);
  return owner && isAlive(owner) ? owner : undefined;
}

function tryCreate(dir: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath(dir), "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes `dir` for this process, or throws DataDirLocked naming the process that holds it. */
export function takeDataLock(dir: string, role: LockOwner["role"], publicUrl?: string): DataLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const owner: LockOwner = { pid: process.pid, startTicks: startTicksOf(process.pid), host: hostname(), role, since: new Date().toISOString(), publicUrl };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(dir, owner)) return { owner, release: () => releaseIfOurs(dir, owner) };
    const holder = findLockOwner(dir);
    if (holder) throw new DataDirLocked(dir, holder);
    rmSync(lockPath(dir), { force: true }); // stale: its process has gone (a crash, a kill -9)
  }
  throw new Error(`could not take ${lockPath(dir)}`);
}

function releaseIfOurs(dir: string, owner: LockOwner): void {
  const current = readOwner(dir);
  if (current?.pid === owner.pid && current.since === owner.since) rmSync(lockPath(dir), { force: true });
}
