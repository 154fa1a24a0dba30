// Files a person names (a roster, a programme's rules, a backup, an export's --out): read within a
// bound, and every failure given the reason a person can act on.
import { readFile, stat, writeFile } from "node:fs/promises";

export class FileError extends Error {
  constructor(readonly reason: "too_large" | "unreadable" | "unwritable", message: string) {
    super(message);
  }
}

/** Reads `path` within `maxBytes` (checked before reading), or throws FileError. */
export async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  try {
    const { size } = await stat(path);
    if (size > maxBytes) throw new FileError("too_large", `${size} bytes`);
    return await readFile(path);
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError("unreadable", (error as Error).message);
  }
}

export async function writeOut(path: string, body: Uint8Array): Promise<void> {
  try {
    await writeFile(path, body);
  } catch (error) {
    throw new FileError("unwritable", (error as Error).message);
  }
}
