// /api/filings: a programme's reports and filings with their state (due, filed, overdue), read by whoever
// may read the programme; marked 已报送 by the bureau that governs it (or the admin), audited.
import { z } from "zod";
import { AppError } from "../errors.js";
import { localDate } from "../infra/time.js";
import { findProgramme } from "../services/programme/find-programme.js";
import { listFilings, type FilingEntry } from "../services/filings/list-filings.js";
import { markFiled } from "../services/filings/mark-filed.js";
import { governsRegion } from "../services/access/actor.js";
import { mayReadProgramme } from "../services/access/may-read-programme.js";
import { createRenderer } from "../templates/render.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";
import { pathId } from "./schemas.js";

const say = createRenderer("api");

const Query = z.object({ programme: z.string().min(1).max(100) });
const FiledBody = z.object({ note: z.string().trim().min(1).max(500) });

const filingJson = (f: FilingEntry) => ({ id: f.id, title: f.title, dueOn: f.dueOn, state: f.state, filedAt: f.filedAt, filedBy: f.filedBy, note: f.note, clause: f.clause });

export function filingEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  const today = () => localDate(deps.now(), deps.tz);
  return [
    endpoint({
      method: "get", path: "/filings", tag: "programmes", summary: "A programme's reports and filings, each with its due date and state (due, filed, overdue)", query: Query,
      async handler({ query, caller }) {
        const programme = await findProgramme(db, { name: query.programme });
        if (!programme || !(await mayReadProgramme(db, caller, programme))) throw new AppError("not_found", say("not_found"));
        return { programme: programme.name, items: (await listFilings(db, { programmeId: programme.id }, today())).map(filingJson) };
      },
    }),
    endpoint({
      method: "post", path: "/filings/:id/filed", tag: "programmes", summary: "Mark a filing 已报送, with a note (the bureau that governs the programme)", body: FiledBody,
      async handler({ params, body, caller }) {
        const [filing] = await listFilings(db, { id: pathId(params.id) }, today());
        const programme = filing && (await db.programme.findUnique({ where: { id: filing.programmeId }, select: { id: true, region: true } }));
        if (!filing || !programme || !(await mayReadProgramme(db, caller, programme))) throw new AppError("not_found", say("not_found"));
        if (!governsRegion(caller, programme.region)) throw new AppError("forbidden", say("scope.outside"));
        const outcome = await markFiled(db, { id: filing.id, note: body.note, actor: caller.actor, at: deps.now() });
        if (outcome === "already") throw new AppError("conflict", say("filing.already", { filedAt: filing.filedAt?.toISOString() ?? "" }));
        return filingJson((await listFilings(db, { id: filing.id }, today()))[0]);
      },
    }),
  ];
}
