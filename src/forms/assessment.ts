// The assessment form, one sheet per posting, in its programme's layout (assessment-layouts.ts: 渝北 附件1,
// 中站 考核登记表, 盐池 工作鉴定表): every field, the doctor's own summary when given, and each box signed
// by its own party with date and opinion, or left for a pen with the form's scale; the programme's own
// title; then, appended, the posting's totals against its targets.
import { z } from "zod";
import type { Db } from "../infra/db.js";
import { findAssessments } from "../services/assessment/find-assessments.js";
import { programmeTitles } from "./programme-titles.js";
import { listEntryLabels } from "../services/workload/list-entry-labels.js";
import { dbDate, fromDbDate, localDate, type LocalDate, type Period } from "../infra/time.js";
import type { AssessmentForm, Signoffs as DomainSignoffs } from "../domain/assessment.js";
import { findAssessmentForm } from "../services/assessment/find-assessment-form.js";
import { findServiceRecord, type ServiceRecord } from "../services/people/find-service-record.js";
import { layoutRows, wide, COLS } from "./assessment-layouts.js";
import { getMetric } from "../domain/metrics.js";
import { formatQuantity } from "../templates/phrases.js";
import { measureCompletion } from "../services/targets/measure-completion.js";
import { completionText } from "./completion-text.js";
import type { Scope } from "../services/where.js";
import { fill } from "../templates/render.js";
import { findFormPostings, type FormPosting } from "../services/postings/find-form-postings.js";
import { postingEnd, postingStart } from "./posting-dates.js";
import { sumByPosting, type PostingTotals } from "../services/workload/sum-by-posting.js";
import { sheetNamer, type Cell, type FormDocument, type Row, type Sheet } from "./document.js";
import { FORMS, fileNameOf, periodText } from "./layout.js";

const L = FORMS.assessment;
const F = L.fields;
const ROWS = FORMS.monthly.rows;

// What a sign-off may hold once recorded; anything else is left blank for a pen.
const Signoffs = z.record(z.string(), z.object({ by: z.string().optional(), opinion: z.string().optional(), at: z.string().optional() }).partial()).catch({});

/** Postings ending within the period (the form is due at the end), or every posting in scope when none is given. */
export type AssessmentOptions = { scope: Scope; period?: Period; tz?: string; today?: LocalDate };

const full = (cells: Cell[], style: Row["style"], height?: number): Row => ({ cells: [...cells, ...Array(COLS - cells.length).fill(null)], style, merges: [[cells.length, COLS]], height });

function arrivalText(p: FormPosting): string {
  if (!p.arrivedAt) return FORMS.statuses[p.status];
  return fill(L.arrivalBy, { date: fromDbDate(p.arrivedAt), by: p.arrivalConfirmedBy?.name ?? "" });
}

/**
 * The form's workload rows and, where the programme sets targets (工作目标完成情况, the core of 渝北's
 * assessment), each judged period by period over the posting: a row for every metric a target names
 * too (中站's 门诊半天 and 带教).
 */
async function workloadRows(db: Db, p: FormPosting, totals: PostingTotals): Promise<Row[]> {
  const [start, end] = [postingStart(p), postingEnd(p)];
  const completions = await measureCompletion(db, { id: p.id, programmeId: p.programmeId, start, end }, end ?? start ?? "");
  const keys = [...ROWS, ...new Set(completions.map((t) => t.metric).filter((k) => !ROWS.includes(k)))];
  return keys.map((key) => {
    const m = getMetric(key);
    const done = totals.get(p.id)?.get(key) ?? 0;
    const own = completions.filter((t) => t.metric === key);
    // A doctor's own target or the agreement's says so; the programme's needs no name.
    const level = (t: (typeof own)[number]) => L.levels[t.level ?? "programme"] ?? "";
    const target = own.map((t) => fill(L.target, { minimum: formatQuantity(t.minimum), period: L.periods[t.period] + level(t) })).join(FORMS.itemSep);
    return { cells: [m.name, m.unit, done, target, own.map(completionText).join(FORMS.itemSep), null], style: "table", merges: [[5, 6]] };
  });
}

type Assessment = { selfSummary: string | null; signoffs: unknown } | undefined;

async function sheetFor(db: Db, p: FormPosting, totals: PostingTotals, assessment: Assessment, o: { name: string; title: string; tz: string; form: AssessmentForm; today: LocalDate }): Promise<Sheet> {
  // 带教+1 王医生: the mentees the doctor named, over the posting.
  const labels = await listEntryLabels(db, [p.id], postingStart(p) ?? "1970-01-01", postingEnd(p) ?? "9999-12-31");
  const mentees = labels.get(p.id)?.get("mentees") ?? [];
  const rows: Row[] = [
    full([o.title], "title", 30),
    ...layoutRows({ p, form: o.form, summary: assessment?.selfSummary ?? null, signoffs: Signoffs.parse(assessment?.signoffs ?? {}) as DomainSignoffs, tz: o.tz, service: await serviceFor(db, p, o) }),
    full([L.workloadTitle], "header"),
    { cells: [F.arrival, arrivalText(p), null, F.mode, L.modes[p.mode], null], style: "table", merges: [[2, 3], [5, 6]] },
    { cells: [...L.workloadHeaders, null], style: "header", merges: [[5, 6]] },
    ...(await workloadRows(db, p, totals)),
    wide(L.mentees, mentees.join(FORMS.listSep)),
  ];
  return { name: o.name, widths: [22, 16, 12, 18, 16, 14], rows };
}

/** 中站's register states the cumulative service, up to the posting's end (or today, if sooner). */
async function serviceFor(db: Db, p: FormPosting, o: { form: AssessmentForm; today: LocalDate }): Promise<ServiceRecord | undefined> {
  if (o.form.layout !== "register") return undefined;
  const end = postingEnd(p);
  return findServiceRecord(db, p.personId, end && end < o.today ? end : o.today);
}

export async function assessmentForm(db: Db, o: AssessmentOptions): Promise<FormDocument> {
  const ending = o.period ? { endDate: { gte: dbDate(o.period.from), lte: dbDate(o.period.to) } } : {};
  const postings = await findFormPostings(db, o.scope.postings, undefined, { ...ending, status: { not: "replaced" } });
  const totals: PostingTotals = new Map();
  for (const p of postings) {
    // Each posting is summed over its own dates.
    const one = await sumByPosting(db, [p.id], postingStart(p) ?? "1970-01-01", postingEnd(p) ?? "9999-12-31");
    totals.set(p.id, one.get(p.id) ?? new Map());
  }
  const assessments = await findAssessments(db, postings.map((p) => p.id));
  const name = sheetNamer();
  const titleOf = await programmeTitles(db, postings.map((p) => p.programmeId), "assessmentTitle", L.title);
  const tz = o.tz ?? "Asia/Shanghai";
  const today = o.today ?? localDate(new Date(), tz);
  const forms = new Map<number, AssessmentForm>();
  for (const id of new Set(postings.map((p) => p.programmeId))) forms.set(id, await findAssessmentForm(db, id));
  const sheets: Sheet[] = [];
  for (const p of postings) sheets.push(await sheetFor(db, p, totals, assessments.get(p.id), { name: name(`${p.person.name}_${p.recipientOrg.name}`), title: titleOf.get(p.programmeId)!, tz, form: forms.get(p.programmeId)!, today }));
  const csv: Cell[][] = [[...L.csvHeaders, ...ROWS.map((k) => getMetric(k).name)]];
  for (const p of postings) {
    const person = p.person;
    csv.push([p.supportingOrg.name, p.recipientOrg.name, person.name, person.gender ?? "", person.ethnicity ?? "", person.birthMonth ?? "", person.education ?? "",
      person.major ?? "", person.specialty ?? "", person.title ?? "", person.appointedOn ?? "", person.department ?? "", (p.pairing?.needs ?? []).join(FORMS.listSep),
      periodText(postingStart(p), postingEnd(p), p.durationText), arrivalText(p), assessments.get(p.id)?.selfSummary ?? "", ...ROWS.map((k) => totals.get(p.id)?.get(k) ?? 0)]);
  }
  return { fileName: fileNameOf("assessment", { period: o.period?.label ?? "" }), sheets, csv };
}
