// The endpoints the console's pages need beyond the reports: who is signed in, the overview's figures,
// a posting's ledger, assessments and signing them. Same scope rule as every endpoint.
import { z } from "zod";
import { AppError } from "../errors.js";
import { METRICS } from "../domain/metrics.js";
import { addDays, fromDbDate, localDate, quarterOf } from "../infra/time.js";
import { digestFigures } from "../services/workload/digest-figures.js";
import { findSilentPostings } from "../services/postings/find-silent-postings.js";
import { listPendingArrivals } from "../services/postings/list-pending-arrivals.js";
import { arrivalOverdue } from "../schedule/arrival-deadline.js";
import { listPostings } from "../services/postings/list-postings.js";
import { findOversightDue } from "../services/oversight/find-oversight-due.js";
import { listAssessmentPostings } from "../services/assessment/list-assessment-postings.js";
import { findAssessment } from "../services/assessment/find-assessment.js";
import { findAssessmentSigners } from "../services/assessment/find-assessment-signers.js";
import { findPostingLedger } from "../services/workload/find-posting-ledger.js";
import { sumWorkload } from "../services/workload/sum-workload.js";
import { findConsolePerson } from "../services/sessions/find-console-person.js";
import { inForceDuring } from "../services/where.js";
import { signAsParty } from "../workflows/assessment/sign-as-party.js";
import { OPINIONS } from "../domain/assessment.js";
import { createRenderer } from "../templates/render.js";
import type { Caller } from "./caller.js";
import { endpoint, type Endpoint } from "./endpoint.js";
import { measurePostingStanding, visiblePosting, type ApiDeps } from "./postings.js";
import { pathId } from "./schemas.js";

const say = createRenderer("api");
const running = { status: { in: ["planned" as const, "arrived" as const] } };

const OverviewQuery = z.object({ days: z.coerce.number().int().min(1).max(60).default(3) });
const SignBody = z.object({ opinion: z.enum(OPINIONS) });

const totals = (t: Map<string, number>) => Object.fromEntries(t);

/** Who may write as a person (a visit, a signature): a session of someone on the roster. */
function signedInPerson(caller: Caller): { id: number; name: string } {
  if (!caller.person) throw new AppError("forbidden", say("console.person_only"));
  return caller.person;
}

async function assessmentsOf(deps: ApiDeps & { tz: string }, caller: Caller) {
  const postings = await listAssessmentPostings(deps.db, caller.scope.postings);
  const list = [];
  for (const p of postings) {
    const a = (await findAssessment(deps.db, p.id))!;
    const signers = a.next ? await findAssessmentSigners(deps.db, a, a.next) : [];
    list.push({
      postingId: p.id, doctor: p.person.name, clinic: p.recipientOrg.name, supportingOrg: p.supportingOrg.name, endDate: p.endDate && fromDbDate(p.endDate),
      summary: a.summary, signoffs: a.signoffs, next: a.next ?? null, submittedAt: a.submittedAt,
      form: { name: a.form.name, boxes: a.form.boxes.map((b) => ({ signer: b.signer, party: b.party })), opinions: a.form.opinions },
      signers: signers.map((s) => s.name), mine: !!caller.person && signers.some((s) => s.id === caller.person!.id),
    });
  }
  return list;
}

export function consoleEndpoints(deps: ApiDeps): Endpoint[] {
  const { db } = deps;
  const today = () => localDate(deps.now(), deps.tz);
  return [
    endpoint({
      method: "get", path: "/me", tag: "console", summary: "Who is calling, what they may do, and the metrics' names (the console's first call)",
      async handler({ caller, ctx }) {
        const person = caller.person && (await findConsolePerson(db, caller.person.id));
        return {
          name: person?.name ?? null, role: person?.role ?? (caller.admin ? "admin" : "organization"), admin: caller.admin,
          organization: person?.organization.name ?? caller.org?.name ?? null, orgKind: caller.org?.kind ?? null, department: person?.department ?? null,
          csrf: (ctx.state.csrf as string | undefined) ?? null, today: today(),
          // The console names a metric as chat does (门诊半天, not the form's 出门诊): one word for one thing across what a doctor and a clerk see.
          metrics: METRICS.map((m) => ({ key: m.key, name: m.short, formName: m.name, unit: m.unit })),
        };
      },
    }),
    endpoint({
      method: "get", path: "/overview", tag: "console", summary: "The overview's figures for the caller's scope: postings, arrivals, silence, targets, oversight, assessments, this week against last", query: OverviewQuery,
      async handler({ query: q, caller }) {
        const day = today();
        const scope = caller.scope.postings;
        const inForce = { AND: [scope, running, inForceDuring(day)] };
        const figures = await digestFigures(db, { scope, today: addDays(day, 1), tz: deps.tz });
        const pending = (await listPendingArrivals(db, { where: inForce, skip: 0, take: 1000 })).rows;
        const silent = await findSilentPostings(db, { where: inForce, since: addDays(day, -q.days) });
        const quarter = quarterOf(day);
        // As the visit and meeting reminders read it.
        const due = await findOversightDue(db, { scope, today: day });
        const assessments = await assessmentsOf(deps, caller);
        return {
          today: day, quarter,
          postingsInForce: (await listPostings(db, { where: inForce, skip: 0, take: 0 })).total,
          pendingArrivals: pending.map((p) => ({ postingId: p.id, name: p.person.name, clinic: p.recipientOrg.name, startDate: p.startDate && fromDbDate(p.startDate), overdue: arrivalOverdue(p, deps.arrivalDeadlineDays ?? 3, day) })),
          silent: silent.map((p) => ({ postingId: p.id, name: p.person.name, clinic: p.recipientOrg.name, lastReportOn: p.lastReportOn })), silentDays: q.days,
          behind: figures?.behind ?? [],
          visitsDue: due.visits, visitDuties: due.visitDuties, meetingsDue: due.meetings,
          assessmentsWaiting: assessments.filter((a) => a.next).map((a) => ({ postingId: a.postingId, doctor: a.doctor, next: a.next, mine: a.mine })),
          lateCorrections: figures?.late ?? 0,
          week: totals(figures?.week ?? new Map()), lastWeek: totals(figures?.lastWeek ?? new Map()),
        };
      },
    }),
    endpoint({
      method: "get", path: "/postings/:id/ledger", tag: "postings", summary: "A posting's ledger: targets and progress, every entry (revoked and late ones too) with the message it came from",
      async handler({ params, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        const { progress } = await measurePostingStanding(db, posting, today());
        const targets = progress.map((t) => ({ ...t, level: t.level ?? "programme" }));
        const entries = (await findPostingLedger(db, posting.id)).map((e) => ({
          id: e.id, metric: e.metric, quantity: e.quantity, label: e.label, occurredOn: fromDbDate(e.occurredOn), source: e.source, text: e.rawText,
          reason: e.reason, lateCorrection: e.isLateCorrection, revokedAt: e.revokedAt, recordedAt: e.createdAt, by: e.person.name,
          message: e.inboundMessage && { id: e.inboundMessage.id, platform: e.inboundMessage.platform, receivedAt: e.inboundMessage.receivedAt },
        }));
        return { postingId: posting.id, targets, totals: totals(await sumWorkload(db, { postingIds: [posting.id] })), entries };
      },
    }),
    endpoint({
      method: "get", path: "/assessments", tag: "console", summary: "Assessments in scope: the summary, who signed what, whose signature is due and whether it is the caller's",
      async handler({ caller }) {
        return { items: await assessmentsOf(deps, caller) };
      },
    }),
    endpoint({
      method: "post", path: "/postings/:id/assessment/sign", tag: "console", summary: "Sign the step due of a posting's assessment as the signed-in person (as the card's button does)", body: SignBody,
      async handler({ params, body, caller }) {
        const posting = await visiblePosting(db, caller, pathId(params.id));
        const signer = signedInPerson(caller);
        const outcome = await signAsParty(deps, signer, posting.id, body.opinion);
        if ("refused" in outcome) throw new AppError(outcome.refused === "unknown" ? "not_found" : "conflict", say(`console.sign.${outcome.refused}`));
        return { postingId: posting.id, signed: outcome.signed, next: outcome.next ?? null };
      },
    }),
  ];
}
