// Where the installation lives: relative paths in the configuration (DATA_DIR, JOURNAL_DIR) are read
// against the project's own folder, never the shell's current one, so a CLI run from another folder
// opens the same database as the server instead of silently creating an empty one.
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding package.json: one level above src/ and build/ alike. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export function resolveFromProject(path: string): string {
  return isAbsolute(path) ? path : resolve(PROJECT_ROOT, path);
}
