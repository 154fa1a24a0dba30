// programme apply <file> [--program NAME] | programme show <NAME>: a programme's document as rules.
import { parseArgs } from "node:util";
import type { DbClient } from "../infra/db.js";
import { parseProgrammeRules } from "../domain/programme.js";
import { applyProgramme } from "../services/programme/apply-programme.js";
import { findProgramme } from "../services/programme/find-programme.js";
import { findProgrammeRules } from "../services/programme/find-programme-rules.js";
import { createRenderer } from "../templates/render.js";
import { describeProgramme } from "../templates/programme-text.js";
import type { CliIo } from "./io.js";

const say = createRenderer("programme");

// A programme's rules are a page of JSON: a megabyte is far past any document's.
const RULES_MAX_BYTES = 1024 * 1024;

async function readRules(io: CliIo, file: string): Promise<unknown> {
  try {
    return JSON.parse((await io.readFile(file, RULES_MAX_BYTES)).toString("utf8"));
  } catch (error) {
    throw new Error(say("unreadable", { file, reason: (error as Error).message }));
  }
}

async function apply(io: CliIo, db: DbClient, file: string, name: string | undefined): Promise<number> {
  let input: unknown;
  try {
    input = await readRules(io, file);
  } catch (error) {
    return io.err((error as Error).message), 1;
  }
  if (name && typeof input === "object" && input !== null) input = { ...input, name };
  const parsed = parseProgrammeRules(input);
  if ("problems" in parsed) return io.err(say("invalid", { file, problems: parsed.problems.map((p) => `  ${p}`).join("\n") })), 1;
  const { created } = await applyProgramme(db, parsed.rules, "cli");
  io.out(say("applied", { name: parsed.rules.name, document: parsed.rules.document, created: created ? say("applied.created") : "" }));
  io.out(describeProgramme(parsed.rules).join("\n"));
  return 0;
}

async function show(io: CliIo, db: DbClient, name: string): Promise<number> {
  if (!(await findProgramme(db, { name }))) return io.err(say("not_found", { name })), 1;
  const rules = await findProgrammeRules(db, { name });
  if (!rules) return io.out(say("no_rules", { name })), 0;
  io.out(describeProgramme(rules).join("\n"));
  return 0;
}

export async function runProgramme(io: CliIo, db: DbClient, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { program: { type: "string" } } });
  const [action, target] = positionals;
  if (action === "apply" && target) return apply(io, db, target, values.program);
  if (action === "show" && target) return show(io, db, target);
  return io.err(say("usage")), 2;
}
