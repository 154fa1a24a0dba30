// /api/programmes: a programme's rules as its document says them (read by anyone with a token), applied
// by the bureau that governs it (or the admin), audited like the CLI's `programme apply`.
import { AppError } from "../errors.js";
import { ProgrammeRulesSchema } from "../domain/programme.js";
import { applyProgramme } from "../services/programme/apply-programme.js";
import { findProgramme } from "../services/programme/find-programme.js";
import { findProgrammeRules } from "../services/programme/find-programme-rules.js";
import { createRenderer } from "../templates/render.js";
import { describeProgramme } from "../templates/programme-text.js";
import { mayChangeProgramme } from "../services/access/actor.js";
import { mayReadProgramme } from "../services/access/may-read-programme.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";

const say = createRenderer("api");

export function programmeEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  return [
    endpoint({
      method: "get", path: "/programmes/:name", tag: "programmes", summary: "A programme's rules, each with the sentence of its document, and as the bureau reads them",
      async handler({ params, caller }) {
        const programme = await findProgramme(db, { name: params.name });
        // Outside the caller's scope it is "not found", as a posting is: its existence is not revealed.
        if (!programme || !(await mayReadProgramme(db, caller, programme))) throw new AppError("not_found", say("not_found"));
        const rules = await findProgrammeRules(db, { id: programme.id });
        return { name: programme.name, rules: rules ?? null, text: rules ? describeProgramme(rules) : [] };
      },
    }),
    endpoint({
      method: "post", path: "/programmes", tag: "programmes", summary: "Apply a programme's rules (create it when new): dates, arrival deadline and targets follow", body: ProgrammeRulesSchema,
      async handler({ body, caller }) {
        // Judged by the programme as it stands (the one this name would overwrite) and as it would stand.
        const before = await findProgramme(db, { name: body.name });
        if (!mayChangeProgramme(caller, before, { region: body.region ?? null })) throw new AppError("forbidden", say("scope.outside"));
        const { created } = await applyProgramme(db, body, caller.actor);
        return { name: body.name, created, text: describeProgramme(body) };
      },
    }),
  ];
}
