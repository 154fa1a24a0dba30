// What a CLI command reads and writes, kept apart from where it runs: in the CLI's own process, or in
// the running server that owns the embedded database (serve-cli.ts), where the files a person names
// are still read and written by their own CLI process, in their own folder, as their own user.
import { readFile, stat, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";

export class CliFileError extends Error {
  constructor(readonly reason: "too_large" | "unreadable" | "unwritable", message: string) {
    super(message);
  }
}

export type CliIo = {
  out(text: string): void;
  err(text: string): void;
  /** A file the person named, at most `maxBytes` (CliFileError otherwise). */
  readFile(path: string, maxBytes: number): Promise<Buffer>;
  writeFile(path: string, body: Uint8Array): Promise<void>;
  /** The next line typed or piped in; undefined at the end. An interactive terminal is prompted first. */
  nextLine(): Promise<string | undefined>;
  interactive: boolean;
};

/** Reads `path` within `maxBytes`, failing with the reason a person can act on. */
export async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  try {
    const { size } = await stat(path);
    if (size > maxBytes) throw new CliFileError("too_large", `${size} bytes`);
    return await readFile(path);
  } catch (error) {
    if (error instanceof CliFileError) throw error;
    throw new CliFileError("unreadable", (error as Error).message);
  }
}

export async function writeOut(path: string, body: Uint8Array): Promise<void> {
  try {
    await writeFile(path, body);
  } catch (error) {
    throw new CliFileError("unwritable", (error as Error).message);
  }
}

/** Lines from stdin, prompting with "> " on a terminal. */
export function stdinLines(): () => Promise<string | undefined> {
  const interactive = process.stdin.isTTY === true;
  let lines: AsyncIterator<string> | undefined;
  let rl: ReturnType<typeof createInterface> | undefined;
  return async () => {
    if (!rl) {
      rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive, historySize: 100 });
      lines = rl[Symbol.asyncIterator]();
      if (interactive) rl.setPrompt("> ");
    }
    if (interactive) rl.prompt();
    const next = await lines!.next();
    if (next.done) rl.close();
    return next.done ? undefined : next.value;
  };
}

export function localIo(): CliIo {
  return {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    readFile: readBounded,
    writeFile: writeOut,
    nextLine: stdinLines(),
    interactive: process.stdin.isTTY === true,
  };
}
