// The CLI's conversation with the running server: one JSON object per line over a Unix socket.
import type { Socket } from "node:net";

export type ToServer =
  | { t: "run"; argv: string[]; interactive: boolean }
  | { t: "reply"; id: number; ok: true; data?: string; line?: string | null }
  | { t: "reply"; id: number; ok: false; reason: string; message: string };

export type ToCli =
  | { t: "out"; text: string }
  | { t: "err"; text: string }
  | { t: "read"; id: number; path: string; max: number }
  | { t: "write"; id: number; path: string; data: string }
  | { t: "line"; id: number }
  | { t: "exit"; code: number };

export class LineTooLong extends Error {}

/** The socket's messages, each line parsed; a line past `maxBytes` ends the conversation. */
export async function* messages<T>(socket: Socket, maxBytes: number): AsyncGenerator<T> {
  let pending: Buffer[] = [];
  let size = 0;
  for await (const chunk of socket as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, nl));
      const line = Buffer.concat(pending).toString("utf8");
      pending = [];
      size = 0;
      start = nl + 1;
      yield JSON.parse(line) as T;
    }
    const rest = chunk.subarray(start);
    size += rest.length;
    if (size > maxBytes) throw new LineTooLong(`a message over ${maxBytes} bytes`);
    if (rest.length > 0) pending.push(rest);
  }
}

export function send(socket: Socket, message: ToServer | ToCli): void {
  socket.write(`${JSON.stringify(message)}\n`);
}
