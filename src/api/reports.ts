// Read-only views over the scope: workload (totals and a daily series), who has not reported, arrivals
// pending, meetings and visits.
import { z } from "zod";
import type { Prisma } from "../infra/records.js";
import { addDays, fromDbDate, localDate } from "../infra/time.js";
import { sumWorkload } from "../services/workload/sum-workload.js";
import { sumPerDay } from "../services/workload/sum-per-day.js";
import { findSilentPostings } from "../services/postings/find-silent-postings.js";
import { listPendingArrivals } from "../services/postings/list-pending-arrivals.js";
import { listMeetings } from "../services/oversight/list-meetings.js";
import { listVisits } from "../services/oversight/list-visits.js";
import { findScopeOrg } from "../services/people/find-scope-org.js";
import { postingScope } from "../services/where.js";
import { inForceDuring } from "../services/where.js";
import type { Caller } from "./caller.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import type { ApiDeps } from "./postings.js";
import { Day, Flag, Id, Page, pageOf, paged } from "./schemas.js";

const MAX_SERIES_DAYS = 366;

/** The caller's postings, narrowed by the filters every view offers. */
async function postingWhere(deps: ApiDeps, caller: Caller, f: { programme?: string; org?: string; person?: number }): Promise<Prisma.PostingWhereInput> {
  const and: Prisma.PostingWhereInput[] = [caller.scope.postings];
  if (f.programme) and.push({ programme: { name: f.programme } });
  if (f.person) and.push({ personId: f.person });
  if (f.org) {
    and.push(postingScope(await findScopeOrg(deps.db, f.org)));
  }
  return { AND: and };
}

const Filters = { programme: z.string().optional(), org: z.string().optional() };

const WorkloadQuery = z.object({ ...Filters, person: Id.optional(), from: Day, to: Day, daily: Flag.optional() })
  .refine((q) => q.from <= q.to, { path: ["to"], message: "before from" })
  .refine((q) => !q.daily || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_SERIES_DAYS, { path: ["daily"], message: `a daily series covers at most ${MAX_SERIES_DAYS} days` });

const NotReportedQuery = z.object({ ...Filters, days: z.coerce.number().int().min(1).max(60).default(3), ...Page });
const ListQuery = z.object({ ...Filters, ...Page });
const RangeQuery = z.object({ ...Filters, from: Day.optional(), to: Day.optional(), ...Page });

export function reportEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  const today = () => localDate(deps.now(), deps.tz);
  const running = (where: Prisma.PostingWhereInput): Prisma.PostingWhereInput => {
    return { AND: [where, { status: { in: ["planned", "arrived"] }, ...inForceDuring(today()) }] };
  };
  // Meetings and visits belong to organisations: in scope when the organisation has a posting in scope.
  // The admin with no filter sees them all, postings or not.
  const orgPostings = async (caller: Caller, q: { org?: string; programme?: string }) =>
    caller.admin && !q.org && !q.programme ? undefined : postingWhere(deps, caller, q);
  const line = (p: { id: number; person: { id: number; name: string }; supportingOrg: { name: string }; recipientOrg: { name: string } }) =>
    ({ postingId: p.id, person: p.person, supportingOrg: p.supportingOrg.name, recipientOrg: p.recipientOrg.name });
  return [
    endpoint({
      method: "get", path: "/workload", tag: "workload", summary: "Workload totals per metric over [from, to], optionally with a daily series", query: WorkloadQuery,
      async handler({ query: q, caller }) {
        const filter = { postings: await postingWhere(deps, caller, q), from: q.from, to: q.to };
        const result = { from: q.from, to: q.to, totals: Object.fromEntries(await sumWorkload(db, filter)) };
        if (!q.daily) return result;
        return { ...result, daily: (await sumPerDay(db, filter)).map((d) => ({ date: d.day, metric: d.metric, quantity: d.quantity })) };
      },
    }),
    endpoint({
      method: "get", path: "/not-reported", tag: "workload", summary: "Doctors in post today with no report in the last `days` days", query: NotReportedQuery,
      async handler({ query: q, caller }) {
        const found = await findSilentPostings(db, { where: running(await postingWhere(deps, caller, q)), since: addDays(today(), -q.days) });
        const silent = found.map((p) => ({ ...line(p), lastReportOn: p.lastReportOn }));
        return paged(silent.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), silent.length, q.page, q.pageSize);
      },
    }),
    endpoint({
      method: "get", path: "/arrivals/pending", tag: "postings", summary: "Postings started but whose arrival the clinic has not confirmed", query: ListQuery,
      async handler({ query: q, caller }) {
        const where = running(await postingWhere(deps, caller, q));
        return pageOf(q, (page) => listPendingArrivals(db, { where, ...page }),
          (p) => ({ ...line(p), startDate: p.startDate && fromDbDate(p.startDate), notArrivedAt: p.notArrivedAt }));
      },
    }),
    endpoint({
      method: "get", path: "/meetings", tag: "oversight", summary: "Quarterly meetings of the supporting hospitals in scope", query: RangeQuery,
      async handler({ query: q, caller }) {
        const postings = await orgPostings(caller, q);
        return pageOf(q, (page) => listMeetings(db, { postings, from: q.from, to: q.to, ...page }),
          (m) => ({ id: m.id, supportingOrg: m.supportingOrg.name, heldOn: fromDbDate(m.heldOn), title: m.title, attendees: m.attendees, minutes: m.minutes }));
      },
    }),
    endpoint({
      method: "get", path: "/visits", tag: "oversight", summary: "Supervision visits to the clinics in scope", query: RangeQuery,
      async handler({ query: q, caller }) {
        return pageOf(q, async (page) => listVisits(db, { postings: await orgPostings(caller, q), from: q.from, to: q.to, ...page }),
          (v) => ({ id: v.id, clinic: v.recipientOrg.name, visitedOn: fromDbDate(v.visitedOn), visitorKind: v.visitorKind, visitors: v.visitors, report: v.report }));
      },
    }),
  ];
}
