// Runs `prisma generate` on install. Prisma 7's CLI checks for its schema-engine binary at start and
// tries to download it; generation does not need it, so point the check at an existing file when the
// binary is absent (offline machines). A machine with the engine installed is left alone.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = { PRISMA_HIDE_UPDATE_MESSAGE: "1", ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const run = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(run.status ?? 1);
