// export <monthly|quarterly|roster|assessment> [--month YYYY-MM | --quarter YYYYQn] [--org NAME]
// [--program NAME] [--format xlsx|csv] [--out FILE]: the forms a clerk hands in, from the records.
import { parseArgs } from "node:util";
import { isAppError } from "../errors.js";
import type { Db } from "../infra/db.js";
import { EVERYTHING } from "../services/where.js";
import { ExportRequestSchema, exportForm } from "../forms/export.js";
import { createRenderer } from "../templates/render.js";
import type { CliIo } from "./io.js";

const say = createRenderer("api");

export async function runExport(io: CliIo, db: Db, args: string[], tz: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {
      month: { type: "string" }, quarter: { type: "string" }, org: { type: "string" }, program: { type: "string" },
      format: { type: "string" }, out: { type: "string" }, person: { type: "string" },
    } });
  } catch {
    return io.err(say("export.usage")), 2;
  }
  const { values, positionals } = parsed;
  const request = ExportRequestSchema.safeParse({ form: positionals[0], month: values.month, quarter: values.quarter, org: values.org, programme: values.program, person: values.person, format: values.format });
  if (!request.success) {
    io.err(say("export.invalid", { issues: request.error.issues.map((i) => i.message).join(say("issues.sep")) }));
    return io.err(say("export.usage")), 2;
  }
  try {
    // The command line is the bureau admin's: it sees everything, narrowed by --org.
    const file = await exportForm(db, request.data, EVERYTHING, tz);
    const out = values.out ?? file.fileName;
    await io.writeFile(out, file.body);
    io.out(say("export.done", { file: out, bytes: file.body.length }));
    return 0;
  } catch (error) {
    if (isAppError(error) && error.expose) return io.err(error.message), 1;
    throw error;
  }
}
