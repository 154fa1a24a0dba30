// /api/people/:id/service: a person's grassroots service record, for whoever may see one of their postings
// (the doctor themself through the console, their hospital, the clinics they served, the bureau); service
// elsewhere (援外, 援藏, 援疆) entered by a bureau governing one of their postings' regions, or the admin.
import { z } from "zod";
import { AppError } from "../errors.js";
import { dbDate, localDate } from "../infra/time.js";
import { findServiceRecord } from "../services/people/find-service-record.js";
import { addServiceElsewhere } from "../services/people/add-service-elsewhere.js";
import { governsRegion } from "../services/access/actor.js";
import { createRenderer } from "../templates/render.js";
import type { Caller } from "./caller.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";
import { Day, pathId } from "./schemas.js";

const say = createRenderer("api");

const ElsewhereBody = z.object({ kind: z.string().trim().min(1).max(20), startDate: Day, endDate: Day, note: z.string().max(500).optional() })
  .refine((b) => b.endDate >= b.startDate, { path: ["endDate"], message: "before startDate" });

async function visiblePerson(deps: ApiDeps, caller: Caller, personId: number) {
  const mine = caller.person?.id === personId;
  const inScope = await deps.db.posting.count({ where: { AND: [{ personId }, caller.scope.postings] } });
  if (!caller.admin && !mine && inScope === 0) throw new AppError("not_found", say("not_found"));
}

export function serviceEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  const today = () => localDate(deps.now(), deps.tz);
  return [
    endpoint({
      method: "get", path: "/people/:id/service", tag: "console", summary: "A person's grassroots service: every posting served, service elsewhere, and the days in all (each day once)",
      async handler({ params, caller }) {
        const id = pathId(params.id);
        await visiblePerson(deps, caller, id);
        const record = await findServiceRecord(db, id, today());
        if (!record) throw new AppError("not_found", say("not_found"));
        return record;
      },
    }),
    endpoint({
      method: "post", path: "/people/:id/service", tag: "console", summary: "Enter service elsewhere that counts (援外, 援藏, 援疆): a bureau governing one of the person's postings, or the admin", body: ElsewhereBody, status: 201,
      async handler({ params, body, caller }) {
        const id = pathId(params.id);
        await visiblePerson(deps, caller, id);
        const regions = await db.posting.findMany({ where: { personId: id }, select: { programme: { select: { region: true } } } });
        if (!caller.admin && !regions.some((p) => governsRegion(caller, p.programme.region))) throw new AppError("forbidden", say("scope.outside"));
        await addServiceElsewhere(db, { personId: id, kind: body.kind, startDate: dbDate(body.startDate), endDate: dbDate(body.endDate), note: body.note ?? null, actor: caller.actor });
        return findServiceRecord(db, id, today());
      },
    }),
  ];
}
