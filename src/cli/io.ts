// What a CLI command reads and writes, kept apart from where it runs: in the CLI's own process, or in
// the running server that owns the embedded database (serve-cli.ts), where the files a person names
// are still read and written by their own CLI process, in their own folder, as their own user.
import { createInterface } from "node:readline";
import { readBounded, writeOut } from "../infra/files.js";

export type CliIo = {
  out(text: string): void;
  err(text: string): void;
  /** A file the person named, at most `maxBytes` (FileError otherwise). */
  readFile(path: string, maxBytes: number): Promise<Buffer>;
  writeFile(path: string, body: Uint8Array): Promise<void>;
  /** The next line typed or piped in; undefined at the end. An interactive terminal is prompted first. */
  nextLine(): Promise<string | undefined>;
  interactive: boolean;
};

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
