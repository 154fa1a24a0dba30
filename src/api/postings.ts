// /api/postings: list and filter in scope; create, end and replace (audited, by who may).
import { findAssessmentSigners } from "../services/assessment/find-assessment-signers.js";
import { z } from "zod";
import type { Prisma } from "../infra/records.js";
import type { DbClient } from "../infra/db.js";
import { AppError } from "../errors.js";
import { POSTING_MODES } from "../domain/programme.js";
import { METRIC_KEYS } from "../domain/metrics.js";
import { TARGET_PERIODS } from "../domain/target-spec.js";
import { setTargets } from "../services/targets/set-targets.js";
import { listTargets } from "../services/targets/list-targets.js";
import { audit } from "../services/audit/audit.js";
import { fromDbDate, localDate, startOfLocalDay } from "../infra/time.js";
import { inForceDuring } from "../services/where.js";
import { listPostings, POSTING_SORTS, type PostingRow as Row } from "../services/postings/list-postings.js";
import { ARRIVAL_VIAS, confirmArrival } from "../services/postings/confirm-arrival.js";
import { remindDoctorNow } from "../workflows/reminders/remind-doctor-now.js";
import { findLastReports } from "../services/workload/find-last-reports.js";
import { findSubmittedMonths } from "../services/months/find-submitted-months.js";
import { measureStanding } from "../services/workload/measure-standing.js";
import { postingsWorkbook, XLSX_TYPE } from "../forms/postings-list.js";
import { findPostingParties } from "../services/postings/find-posting-parties.js";
import { findProgrammeRules } from "../services/programme/find-programme-rules.js";
import { findAssessment } from "../services/assessment/find-assessment.js";
import { approveReplacement } from "../services/postings/approve-replacement.js";
import { findReplacementApproval } from "../services/postings/find-replacement-approval.js";
import { ProgrammeRulesRefused } from "../services/programme/enforce-programme-rules.js";
import type { Breach } from "../domain/judge-programme.js";
import { createPosting } from "../services/postings/create-posting.js";
import { endPosting } from "../services/postings/end-posting.js";
import { replacePosting } from "../services/postings/replace-posting.js";
import { createRenderer } from "../templates/render.js";
import { canApprove, canChangePosting, type Caller } from "./caller.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import { Day, Page, paged, pathId } from "./schemas.js";

const say = createRenderer("api");
const STATUSES = ["planned", "arrived", "ended", "replaced"] as const;

export type ApiDeps = { db: DbClient; tz: string; now: () => Date; arrivalDeadlineDays?: number };

/** How the arrival was confirmed: the card's tapper, or what the clerk entered (heard by phone, …). */
const arrivalJson = (p: Row, tz: string) => p.arrivedAt && {
  on: localDate(p.arrivedAt, tz), via: p.arrivalVia ?? "card", confirmedBy: p.arrivalReportedBy ?? p.arrivalConfirmedBy?.name ?? null,
};

export const postingJson = (p: Row, tz: string) => ({
  id: p.id, programme: p.programme.name, person: p.person, supportingOrg: p.supportingOrg.name, recipientOrg: p.recipientOrg.name,
  status: p.status, mode: p.mode, startDate: p.startDate && fromDbDate(p.startDate), endDate: p.endDate && fromDbDate(p.endDate),
  durationText: p.durationText, arrivedAt: p.arrivedAt, arrival: arrivalJson(p, tz), endedAt: p.endedAt, replacesPostingId: p.replacesPostingId, replacementNote: p.replacementNote,
});

/** A posting the caller may see; one outside the scope is "not found", so its existence is not revealed. */
export async function visiblePosting(db: DbClient, caller: Caller, id: number): Promise<Row> {
  const [posting] = (await listPostings(db, { where: { AND: [{ id }, caller.scope.postings] }, skip: 0, take: 1 })).rows;
  if (!posting) throw new AppError("not_found", say("not_found"));
  return posting;
}

const Person = z.object({
  name: z.string().trim().min(1).max(50), gender: z.string().max(4).optional(), title: z.string().max(30).optional(),
  department: z.string().max(50).optional(), phone: z.string().regex(/^[\d+-]{5,20}$/).optional(),
});

/** The filters: a name filter matches any part of the name (`江口` finds 江口镇中心卫生院). */
const Filters = z.object({
  programme: z.string().max(100).optional(), supportingOrg: z.string().max(100).optional(), recipientOrg: z.string().max(100).optional(),
  person: z.string().max(50).optional(), status: z.enum(STATUSES).optional(), activeOn: Day.optional(),
  sort: z.enum(POSTING_SORTS).optional(), order: z.enum(["asc", "desc"]).default("asc"),
  /** 月报: a month (YYYY-MM) whose report is submitted (yes) or not (no), as WeCom 汇报's 已提交/未提交 lists. */
  reportMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(), reported: z.enum(["yes", "no"]).optional(),
});
const ListQuery = Filters.extend(Page);

const part = (text: string | undefined) => (text ? { name: { contains: text.trim() } } : undefined);

function listWhere(caller: Caller, q: z.infer<typeof Filters>): Prisma.PostingWhereInput {
  return { AND: [caller.scope.postings, {
    programme: q.programme ? { name: q.programme } : undefined,
    supportingOrg: part(q.supportingOrg), recipientOrg: part(q.recipientOrg), person: part(q.person),
    status: q.status,
    ...(q.activeOn ? inForceDuring(q.activeOn) : {}),
    ...(q.reportMonth && q.reported ? { monthlyReports: { [q.reported === "yes" ? "some" : "none"]: { month: q.reportMonth } } } : {}),
  }] };
}

const sortOf = (q: z.infer<typeof Filters>) => q.sort && { key: q.sort, order: q.order };
/** An export holds every posting the filters select, up to this many (a county has a few hundred). */
const EXPORT_MAX = 10_000;

const ArrivalBody = z.object({
  arrivedOn: Day, via: z.enum(ARRIVAL_VIAS), confirmedBy: z.string().trim().min(2).max(60),
});

const CreateBody = z.object({
  programme: z.string().min(1), supportingOrg: z.string().min(1), recipientOrg: z.string().min(1), person: Person,
  startDate: Day, endDate: Day.optional(), mode: z.enum(POSTING_MODES).default("full_time"),
  /** 半脱产: the ISO weekdays on site (1 = Monday), which the part-time rules judge. */
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
}).refine((b) => !b.endDate || b.endDate >= b.startDate, { path: ["endDate"], message: "before startDate" });

const TargetsBody = z.object({
  targets: z.array(z.object({ metric: z.enum(METRIC_KEYS), minimum: z.number().positive().max(100_000), period: z.enum(TARGET_PERIODS) })).min(1).max(20),
});

const HospitalApprovalBody = z.object({ note: z.string().trim().min(2).max(500) });

const EndBody = z.object({ endedOn: Day.optional(), note: z.string().max(500).optional() });

const ReplaceBody = z.object({
  person: Person, startDate: Day, endDate: Day.optional(),
  approvalNote: z.string().trim().min(2, say("posting.approval_required")).max(500),
});

/** A change the programme's rules refuse (enforceProgrammeRules): 409, naming each clause; nothing was written. */
async function underRules<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof ProgrammeRulesRefused) throw new AppError("conflict", say("posting.refused_by_rules", { breaches: error.breaches.map((b) => b.message).join("；") }));
    throw error;
  }
}
const warningsOf = (w: Breach[]) => w.map((b) => b.message);

/**
 * A posting's standing on each target in the period containing today, over this posting's entries: the
 * same measure as the doctor's 本月 answer (measureStanding), for its ledger page and the list's 目标进度.
 */
export async function measurePostingStanding(db: DbClient, p: Row, today: string) {
  const start = p.startDate ? fromDbDate(p.startDate) : null;
  const end = p.endDate ? fromDbDate(p.endDate) : null;
  return measureStanding(db, { personId: p.person.id, programmeId: p.programme.id, postingId: p.id, start, end, today }, undefined, true);
}

/** An open posting's progress for the list (a closed one has none to make). */
async function progressOf(db: DbClient, p: Row, today: string) {
  if (p.status !== "planned" && p.status !== "arrived") return [];
  const { progress } = await measurePostingStanding(db, p, today);
  return progress.map((t) => ({ metric: t.metric, period: t.period, done: t.done, minimum: t.minimum }));
}

export function postingEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  const today = () => localDate(deps.now(), deps.tz);
  return [
    endpoint({
      method: "get", path: "/postings", tag: "postings", summary: "List postings in scope, filtered and paged", query: ListQuery,
      async handler({ query: q, caller }) {
        const { rows, total } = await listPostings(db, { where: listWhere(caller, q), skip: (q.page - 1) * q.pageSize, take: q.pageSize, sort: sortOf(q) });
        // 最近填报, 月报 and 目标进度 for the page's postings only.
        const ids = rows.map((p) => p.id);
        const last = await findLastReports(db, ids);
        const submitted = q.reportMonth ? await findSubmittedMonths(db, ids, [q.reportMonth]) : undefined;
        const progress = await Promise.all(rows.map((p) => progressOf(db, p, today())));
        const items = rows.map((p, i) => ({
          ...postingJson(p, deps.tz), lastReportOn: last.get(p.id) ?? null, progress: progress[i],
          ...(submitted ? { reportSubmittedAt: submitted.get(p.id)?.get(q.reportMonth!) ?? null } : {}),
        }));
        return paged(items, total, q.page, q.pageSize);
      },
    }),
    endpoint({
      method: "get", path: "/postings/export", tag: "postings", summary: "The postings the filters select, in the list's order, as XLSX (what the console's list shows)", query: Filters,
      produces: [XLSX_TYPE],
      async handler({ query: q, caller }) {
        const { rows } = await listPostings(db, { where: listWhere(caller, q), skip: 0, take: EXPORT_MAX, sort: sortOf(q) });
        return { download: await postingsWorkbook(rows.map((p) => postingJson(p, deps.tz)), today()) };
      },
    }),
    endpoint({
      method: "post", path: "/postings/:id/arrival", tag: "postings", summary: "Confirm a planned posting's arrival heard of outside the card (by phone, on a visit, from a document), naming who said so", body: ArrivalBody,
      async handler({ params, body, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        if (!canChangePosting(caller, posting)) throw new AppError("forbidden", say("scope.outside"));
        if (body.arrivedOn > today()) throw new AppError("bad_request", say("posting.arrival_future"));
        const done = await confirmArrival(db, { postingId: posting.id, arrivedAt: startOfLocalDay(body.arrivedOn, deps.tz), via: body.via, reportedBy: body.confirmedBy, actor: caller.actor });
        if (done === "not_planned") throw new AppError("conflict", say("posting.arrival_not_planned"));
        return postingJson(await visiblePosting(db, caller, posting.id), deps.tz);
      },
    }),
    endpoint({
      method: "get", path: "/postings/:id", tag: "postings", summary: "One posting",
      async handler({ params, caller }) {
        return postingJson(await visiblePosting(db, caller, pathId(params.id)), deps.tz);
      },
    }),
    endpoint({
      method: "get", path: "/postings/:id/assessment", tag: "postings", summary: "The posting's assessment: the doctor's summary, who signed what and when, whose signature is due",
      async handler({ params, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        const a = (await findAssessment(db, posting.id))!;
        // Each box of the programme's form with who signs it now (a county's bureau by 所在区县).
        const boxes = await Promise.all(a.form.boxes.map(async (b) => ({ ...b, signers: (await findAssessmentSigners(db, a, b.signer)).map((s) => s.name) })));
        const orgs = await db.organization.findMany({ where: { id: { in: [posting.supportingOrgId, posting.recipientOrg.id] } }, select: { id: true, name: true, county: true } });
        const org = (id: number) => orgs.find((o) => o.id === id)!;
        return {
          postingId: posting.id, form: { name: a.form.name, layout: a.form.layout, opinions: a.form.opinions, boxes }, summary: a.summary, signoffs: a.signoffs, next: a.next ?? null, submittedAt: a.submittedAt,
          parties: { supporting: org(posting.supportingOrgId), recipient: org(posting.recipientOrg.id) }, region: a.region,
        };
      },
    }),
    endpoint({
      method: "post", path: "/postings", tag: "postings", summary: "Create a posting under an existing pairing (the doctor is created if new)", body: CreateBody, status: 201,
      async handler({ body, caller }) {
        const parties = await findPostingParties(db, body);
        if (!parties) throw new AppError("bad_request", say("posting.pairing_missing", { supporting: body.supportingOrg, recipient: body.recipientOrg }));
        if (!canChangePosting(caller, { ...parties, person: body.person })) throw new AppError("forbidden", say("scope.outside"));
        const { id, warnings } = await underRules(() => createPosting(db, body, caller.actor, today()));
        return { ...postingJson(await visiblePosting(db, caller, id), deps.tz), warnings: warningsOf(warnings) };
      },
    }),
    endpoint({
      method: "post", path: "/postings/:id/end", tag: "postings", summary: "End an open posting", body: EndBody,
      async handler({ params, body, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        if (!canChangePosting(caller, posting)) throw new AppError("forbidden", say("scope.outside"));
        const planned = posting.endDate && fromDbDate(posting.endDate);
        const { warnings } = await underRules(() => endPosting(db, posting.id, { endedOn: body.endedOn ?? (planned && planned < today() ? planned : today()), note: body.note }, caller.actor, today()));
        return { ...postingJson(await visiblePosting(db, caller, posting.id), deps.tz), warnings: warningsOf(warnings) };
      },
    }),
    endpoint({
      method: "post", path: "/postings/:id/remind", tag: "postings", summary: "Remind the posting's doctor to report, now (through the outbox, once a day at most: the day's nudge counts)",
      async handler({ params, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        if (!canChangePosting(caller, posting)) throw new AppError("forbidden", say("scope.outside"));
        if (posting.status !== "planned" && posting.status !== "arrived") throw new AppError("conflict", say("posting.not_open", { action: say("posting.action_remind") }));
        const outcome = await remindDoctorNow(db, { posting, today: today(), tz: deps.tz, now: deps.now() });
        if (outcome === "queued") await audit(db, caller.actor, "posting.remind", `person:${posting.person.id}`, { postingId: posting.id });
        return { postingId: posting.id, outcome };
      },
    }),
    endpoint({
      method: "post", path: "/postings/:id/targets", tag: "postings", summary: "Set the posting's own targets (每名支援队员的工作目标), each replacing its own for the same metric and period; answers the targets it now answers to",
      body: TargetsBody,
      async handler({ params, body, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        if (!canChangePosting(caller, posting)) throw new AppError("forbidden", say("scope.outside"));
        await setTargets(db, posting.programme.id, body.targets, { postingId: posting.id });
        await audit(db, caller.actor, "posting.targets", `posting:${posting.id}`, body);
        return { postingId: posting.id, targets: await listTargets(db, posting.programme.id, posting.id) };
      },
    }),
    endpoint({
      method: "post", path: "/postings/:id/replace/approve", tag: "postings", summary: "The supporting hospital agrees to replace the posting's doctor (before the bureau approves)", body: HospitalApprovalBody, status: 201,
      async handler({ params, body, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        const own = caller.admin || (caller.org?.kind === "supporting" && caller.org.id === posting.supportingOrgId);
        if (!own) throw new AppError("forbidden", say("scope.outside"));
        await approveReplacement(db, { postingId: posting.id, actor: caller.actor, note: body.note });
        return { postingId: posting.id, approved: true };
      },
    }),
    endpoint({
      method: "post", path: "/postings/:id/replace", tag: "postings", summary: "Replace a posting's doctor, with the bureau's approval note", body: ReplaceBody, status: 201,
      async handler({ params, body, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        if (!canApprove(caller, posting)) throw new AppError("forbidden", say("posting.approve_bureau_only"));
        // Where the programme's document asks the supporting hospital first, its approval must be on record.
        const rules = await findProgrammeRules(db, { name: posting.programme.name });
        const hospital = await findReplacementApproval(db, posting.id);
        if (rules?.replacement?.approvals.includes("hospital_leader") && !hospital) throw new AppError("conflict", say("posting.needs_hospital_approval", { clause: rules.replacement.clause }));
        const { id, warnings } = await underRules(() => replacePosting(db, posting.id, { ...body, hospitalApproval: hospital && { actor: hospital.actor, note: hospital.note } }, caller.actor, today()));
        return { replaced: postingJson(await visiblePosting(db, caller, posting.id), deps.tz), replacement: postingJson(await visiblePosting(db, caller, id), deps.tz), warnings: warningsOf(warnings) };
      },
    }),
  ];
}
