// The running server takes the CLI's commands on a Unix socket in DATA_DIR/run (a folder only the
// server's user may enter), and runs them in its own process: the embedded database has one owner, so
// nothing the CLI writes is lost, and the CLI works while the server runs. The files a command reads
// or writes stay the CLI's: the server asks for them over the socket (io.ts).
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { dirname } from "node:path";
import type { CommandContext } from "./commands.js";
import { FileError } from "../infra/files.js";
import type { CliIo } from "./io.js";
import { messages, send, type ToServer } from "./wire.js";

// The largest thing the CLI sends is a file a command asked for: a roster (4 MB) in base64.
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
// The CLI names its command at once; a connection that says nothing is dropped.
const RUN_WITHIN_MS = 5000;

type Pending = Map<number, { resolve(reply: Extract<ToServer, { t: "reply" }>): void; reject(error: Error): void }>;

function remoteIo(socket: Socket, pending: Pending, interactive: boolean): CliIo {
  let nextId = 1;
  const ask = (message: { t: "read"; path: string; max: number } | { t: "write"; path: string; data: string } | { t: "line" }) =>
    new Promise<Extract<ToServer, { t: "reply" }>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send(socket, { ...message, id });
    });
  const failed = (reply: Extract<ToServer, { t: "reply" }>) =>
    !reply.ok ? new FileError(reply.reason === "too_large" ? "too_large" : reply.reason === "unwritable" ? "unwritable" : "unreadable", reply.message) : undefined;
  return {
    out: (text) => send(socket, { t: "out", text }),
    err: (text) => send(socket, { t: "err", text }),
    readFile: async (path, max) => {
      const reply = await ask({ t: "read", path, max });
      const error = failed(reply);
      if (error) throw error;
      const data = Buffer.from((reply as { data?: string }).data ?? "", "base64");
      if (data.length > max) throw new FileError("too_large", `${data.length} bytes`);
      return data;
    },
    writeFile: async (path, body) => {
      const error = failed(await ask({ t: "write", path, data: Buffer.from(body).toString("base64") }));
      if (error) throw error;
    },
    nextLine: async () => ((await ask({ t: "line" })) as { line?: string | null }).line ?? undefined,
    interactive,
  };
}

type Runner = (argv: string[], io: CliIo) => Promise<number>;

async function converse(socket: Socket, run: Runner, onError: (error: unknown) => void): Promise<void> {
  const pending: Pending = new Map();
  const timer = setTimeout(() => socket.destroy(), RUN_WITHIN_MS);
  let running: Promise<void> | undefined;
  try {
    for await (const message of messages<ToServer>(socket, MAX_MESSAGE_BYTES)) {
      if (message.t === "run" && !running && Array.isArray(message.argv) && message.argv.every((a) => typeof a === "string")) {
        clearTimeout(timer);
        const io = remoteIo(socket, pending, message.interactive === true);
        running = run(message.argv, io).then(
          (code) => send(socket, { t: "exit", code }),
          (error) => (onError(error), io.err(String((error as Error)?.message ?? error)), send(socket, { t: "exit", code: 1 })),
        ).finally(() => socket.end());
      } else if (message.t === "reply") {
        pending.get(message.id)?.resolve(message);
        pending.delete(message.id);
      } else {
        socket.destroy();
      }
    }
  } catch {
    socket.destroy(); // not our CLI's message: nothing to answer
  } finally {
    clearTimeout(timer);
    for (const p of pending.values()) p.reject(new Error("the CLI went away"));
  }
}

export type CliServer = { close(): Promise<void> };

export async function serveCli(socketPath: string, context: Omit<CommandContext, "io">, onError: (error: unknown) => void): Promise<CliServer> {
  const { COMMANDS } = await import("./commands.js");
  const run: Runner = async ([command, ...rest], io) => {
    const handler = command ? COMMANDS[command] : undefined;
    if (!handler) return io.err(`unknown command ${command}`), 2;
    return handler({ ...context, io }, rest);
  };
  const dir = dirname(socketPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  rmSync(socketPath, { force: true }); // left by a crash: the data lock says no other server runs here
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    void converse(socket, run, onError);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socketPath, () => resolve()));
  chmodSync(socketPath, 0o600);
  return {
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => (rmSync(socketPath, { force: true }), resolve()));
    }),
  };
}
