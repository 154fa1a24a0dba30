// programme apply <file> [--program NAME] | programme show <NAME>: a programme's document as rules.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { DbClient } from "../infra/db.js";
import { parseProgrammeRules } from "../domain/programme.js";
import { applyProgramme } from "../services/apply-programme.js";
import { findProgramme } from "../services/find-programme.js";
import { findProgrammeRules } from "../services/find-programme-rules.js";
import { createRenderer } from "../templates/render.js";
import { describeProgramme } from "../templates/programme-text.js";

const say = createRenderer("programme");

function readRules(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(say("unreadable", { file, reason: (error as Error).message }));
  }
}

async function apply(db: DbClient, file: string, name: string | undefined): Promise<number> {
  let input: unknown;
  try {
    input = readRules(file);
  } catch (error) {
    return console.error((error as Error).message), 1;
  }
  if (name && typeof input === "object" && input !== null) input = { ...input, name };
  const parsed = parseProgrammeRules(input);
  if ("problems" in parsed) return console.error(say("invalid", { file, problems: parsed.problems.map((p) => `  ${p}`).join("\n") })), 1;
  const { created } = await applyProgramme(db, parsed.rules, "cli");
  console.log(say("applied", { name: parsed.rules.name, document: parsed.rules.document, created: created ? say("applied.created") : "" }));
  console.log(describeProgramme(parsed.rules).join("\n"));
  return 0;
}

async function show(db: DbClient, name: string): Promise<number> {
  if (!(await findProgramme(db, { name }))) return console.error(say("not_found", { name })), 1;
  const rules = await findProgrammeRules(db, { name });
  if (!rules) return console.log(say("no_rules", { name })), 0;
  console.log(describeProgramme(rules).join("\n"));
  return 0;
}

export async function runProgramme(db: DbClient, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { program: { type: "string" } } });
  const [action, target] = positionals;
  if (action === "apply" && target) return apply(db, target, values.program);
  if (action === "show" && target) return show(db, target);
  return console.error(say("usage")), 2;
}
