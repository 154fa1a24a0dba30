// /api/roster: the bureau's roster file, uploaded from the console. `preview` runs the CLI's importer in
// its transaction and rolls it back (what would change, warnings, refused rows with their row numbers);
// `import` runs the same and commits. The bureau or the admin only; audited.
import { z } from "zod";
import { AppError } from "../errors.js";
import { importRoster, ProgrammeMissing, RosterRefused } from "../services/programme/import-roster.js";
import { localDate } from "../infra/time.js";
import { findProgramme } from "../services/programme/find-programme.js";
import { audit } from "../services/audit/audit.js";
import { parseRoster } from "../roster/parse-roster.js";
import { RosterFileError } from "../roster/read-table.js";
import { readTableInWorker } from "../roster/read-in-worker.js";
import { describeFileError } from "../roster/describe-file-error.js";
import { ROSTER_LIMITS } from "../roster/limits.js";
import { createRenderer } from "../templates/render.js";
import { canApprove, type Caller } from "./caller.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";

const say = createRenderer("api");
const MAX_FILE = ROSTER_LIMITS.fileBytes;
const UploadBody = z.object({
  programme: z.string().trim().min(1).max(100),
  fileName: z.string().max(200).optional(),
  content: z.base64().max(Math.ceil(MAX_FILE / 3) * 4),
  /** Create the programme when none has this name (the console asks first); a typo otherwise makes none. */
  create: z.boolean().default(false),
});

async function mayImport(deps: ApiDeps, caller: Caller, programme: string): Promise<boolean> {
  const existing = await findProgramme(deps.db, { name: programme });
  return canApprove(caller, { programme: { region: existing?.region ?? null } });
}

async function run(deps: ApiDeps, caller: Caller, body: z.output<typeof UploadBody>, preview: boolean) {
  if (!(await mayImport(deps, caller, body.programme))) throw new AppError("forbidden", say("scope.outside"));
  try {
    const roster = parseRoster(await readTableInWorker(Buffer.from(body.content, "base64")));
    const summary = await importRoster(deps.db, roster, { programme: body.programme, preview, actor: caller, create: body.create, today: localDate(deps.now(), deps.tz) });
    if (!preview) await audit(deps.db, caller.actor, "roster.import", `programme:${body.programme}`, { fileName: body.fileName ?? null, postings: summary.postings, people: summary.people });
    return { preview, programme: body.programme, ...summary, refused: [] };
  } catch (error) {
    if (error instanceof RosterRefused) return { preview, programme: body.programme, refused: error.refused, written: false };
    if (error instanceof ProgrammeMissing) return { preview, programme: body.programme, refused: [], written: false, programmeMissing: true };
    if (error instanceof RosterFileError) throw new AppError(error.reason === "too_large" ? "payload_too_large" : "bad_request", describeFileError(error));
    throw error;
  }
}

export function rosterEndpoints(deps: ApiDeps): Endpoint[] {
  const limit = Math.ceil(MAX_FILE / 3) * 4 + 4096;
  return [
    endpoint({
      method: "post", path: "/roster/preview", tag: "roster", summary: "What importing this roster file (base64 XLSX or CSV) would change; nothing is written", body: UploadBody, bodyLimit: limit,
      handler: ({ body, caller }) => run(deps, caller, body, true),
    }),
    endpoint({
      method: "post", path: "/roster/import", tag: "roster", summary: "Import the roster file: the same importer and transaction as `npm run cli -- import`", body: UploadBody, bodyLimit: limit,
      handler: ({ body, caller }) => run(deps, caller, body, false),
    }),
  ];
}
