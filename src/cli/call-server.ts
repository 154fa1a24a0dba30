// The CLI beside a running server on the embedded database: it hands the command to the server
// (serve-cli.ts) and does what the server asks of it: print, read and write the person's files, read
// their typed lines.
import { connect, type Socket } from "node:net";
import { FileError, readBounded, writeOut } from "../infra/files.js";
import { stdinLines } from "./io.js";
import { messages, send, type ToCli, type ToServer } from "./wire.js";

// A server still starting (migrating) has taken its lock before it listens; wait for it, not forever.
const CONNECT_TRIES = 50;
const CONNECT_PAUSE_MS = 200;

export class ServerUnreachable extends Error {}

async function connectTo(path: string): Promise<Socket> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const socket = connect(path);
        socket.once("connect", () => resolve(socket)).once("error", reject);
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= CONNECT_TRIES || (code !== "ENOENT" && code !== "ECONNREFUSED")) throw new ServerUnreachable((error as Error).message);
      await new Promise((r) => setTimeout(r, CONNECT_PAUSE_MS));
    }
  }
}

function failure(id: number, error: unknown): ToServer {
  const reason = error instanceof FileError ? error.reason : "unreadable";
  return { t: "reply", id, ok: false, reason, message: (error as Error).message };
}

async function answer(message: Exclude<ToCli, { t: "out" | "err" | "exit" }>, nextLine: () => Promise<string | undefined>): Promise<ToServer> {
  try {
    if (message.t === "read") return { t: "reply", id: message.id, ok: true, data: (await readBounded(message.path, message.max)).toString("base64") };
    if (message.t === "write") return (await writeOut(message.path, Buffer.from(message.data, "base64"))), { t: "reply", id: message.id, ok: true };
    return { t: "reply", id: message.id, ok: true, line: (await nextLine()) ?? null };
  } catch (error) {
    return failure(message.id, error);
  }
}

/** Runs `argv` in the server listening at `socketPath`; resolves with the command's exit code. */
export async function callServer(socketPath: string, argv: string[]): Promise<number> {
  const socket = await connectTo(socketPath);
  const nextLine = stdinLines();
  send(socket, { t: "run", argv, interactive: process.stdin.isTTY === true });
  try {
    for await (const message of messages<ToCli>(socket, Number.MAX_SAFE_INTEGER)) {
      if (message.t === "out") console.log(message.text);
      else if (message.t === "err") console.error(message.text);
      else if (message.t === "exit") return message.code;
      else void answer(message, nextLine).then((reply) => send(socket, reply));
    }
  } finally {
    socket.destroy();
    process.stdin.destroy();
  }
  throw new ServerUnreachable("the server closed the connection before the command finished");
}
