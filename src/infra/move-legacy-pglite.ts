// Installations before DATA_DIR/db kept PGlite's files in DATA_DIR itself, beside the journal. On the
// first start after the upgrade (under the data lock) they move into DATA_DIR/db: through a folder of
// their own, renamed into place last, so a start interrupted half-way finishes the move the next time.
import { existsSync, mkdirSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { pgliteDirOf } from "./owned-dir.js";

// Ours, not PGlite's: they stay where they are.
const OURS = new Set(["db", "db.moving", "journal", "run", "duikou.lock"]);

/** Returns true when it moved a database. */
export function moveLegacyPglite(dataDir: string): boolean {
  const target = pgliteDirOf(dataDir);
  const moving = `${target}.moving`;
  if (existsSync(target) || (!existsSync(join(dataDir, "PG_VERSION")) && !existsSync(moving))) return false;
  mkdirSync(moving, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(dataDir)) if (!OURS.has(name)) renameSync(join(dataDir, name), join(moving, name));
  renameSync(moving, target);
  return true;
}
