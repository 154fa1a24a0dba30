// 考核鉴定表: one sheet per posting, prefilled with the posting and its totals against its targets, the
// doctor's own summary when given, and the four sign-off blocks (doctor, clinic, supporting hospital,
// bureau) left for signatures unless already recorded.
import { z } from "zod";
import type { Db } from "../infra/db.js";
import { findAssessments } from "../services/find-assessments.js";
import { dbDate, fromDbDate, type Period } from "../infra/time.js";
import { getMetric } from "../domain/metrics.js";
import { formatQuantity } from "../templates/phrases.js";
import { listTargets } from "../services/list-targets.js";
import type { Scope } from "../services/where.js";
import { fill } from "../templates/render.js";
import { findFormPostings, type FormPosting } from "../services/find-form-postings.js";
import { postingEnd, postingStart } from "./posting-dates.js";
import { sumByPosting, type PostingTotals } from "../services/sum-by-posting.js";
import { sheetNamer, type Cell, type FormDocument, type Row, type Sheet } from "./document.js";
import { FORMS, fileNameOf, periodText } from "./layout.js";

const L = FORMS.assessment;
const F = L.fields;
const ROWS = FORMS.monthly.rows;
const COLS = 6;

// What a sign-off may hold once recorded; anything else is left blank for a pen.
const Signoffs = z.record(z.string(), z.object({ by: z.string().optional(), opinion: z.string().optional(), at: z.string().optional() }).partial()).catch({});

/** Postings ending within the period (the form is due at the end), or every posting in scope when none is given. */
export type AssessmentOptions = { scope: Scope; period?: Period };

const full = (cells: Cell[], style: Row["style"], height?: number): Row => ({ cells: [...cells, ...Array(COLS - cells.length).fill(null)], style, merges: [[cells.length, COLS]], height });

function arrivalText(p: FormPosting): string {
  if (!p.arrivedAt) return FORMS.statuses[p.status];
  return fill(L.arrivalBy, { date: fromDbDate(p.arrivedAt), by: p.arrivalConfirmedBy?.name ?? "" });
}

async function workloadRows(db: Db, p: FormPosting, totals: PostingTotals): Promise<Row[]> {
  const targets = await listTargets(db, p.programmeId, p.id);
  return ROWS.map((key) => {
    const m = getMetric(key);
    const done = totals.get(p.id)?.get(key) ?? 0;
    // Targets of any period, stated as written; met is judged over the whole posting for posting-long targets only.
    const own = targets.filter((t) => t.metric === key);
    const target = own.map((t) => fill(L.target, { minimum: formatQuantity(t.minimum), period: L.periods[t.period] })).join(FORMS.itemSep);
    const posting = own.find((t) => t.period === "posting");
    return { cells: [m.name, m.unit, done, target, posting ? (done >= posting.minimum ? L.met : L.notMet) : "", null], style: "table", merges: [[5, 6]] };
  });
}

type Assessment = { selfSummary: string | null; signoffs: unknown } | undefined;

async function sheetFor(db: Db, p: FormPosting, totals: PostingTotals, assessment: Assessment, name: string): Promise<Sheet> {
  const signoffs = Signoffs.parse(assessment?.signoffs ?? {});
  const rows: Row[] = [
    full([L.title], "title", 30),
    { cells: [F.name, p.person.name, F.gender, p.person.gender ?? "", F.title, p.person.title ?? ""], style: "table" },
    { cells: [F.supportingOrg, p.supportingOrg.name, null, F.department, p.person.department ?? "", null], style: "table", merges: [[2, 3], [5, 6]] },
    { cells: [F.recipientOrg, p.recipientOrg.name, null, F.period, periodText(postingStart(p), postingEnd(p), p.durationText), null], style: "table", merges: [[2, 3], [5, 6]] },
    { cells: [F.arrival, arrivalText(p), null, F.mode, L.modes[p.mode], null], style: "table", merges: [[2, 3], [5, 6]] },
    full([L.workloadTitle], "header"),
    { cells: [...L.workloadHeaders, null], style: "header", merges: [[5, 6]] },
    ...(await workloadRows(db, p, totals)),
    full([L.summary, assessment?.selfSummary ?? ""], "table", 120),
  ];
  for (const s of L.signoffs) {
    const given = signoffs[s.key];
    const line = given ? [given.opinion, given.by, given.at].filter(Boolean).join("　") : L.signLine;
    rows.push(full([s.label, line], "table", 70));
  }
  return { name, widths: [18, 16, 12, 14, 16, 14], rows };
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
  const sheets: Sheet[] = [];
  for (const p of postings) sheets.push(await sheetFor(db, p, totals, assessments.get(p.id), name(`${p.person.name}_${p.recipientOrg.name}`)));
  const csv: Cell[][] = [[...L.csvHeaders, ...ROWS.map((k) => getMetric(k).name)]];
  for (const p of postings) {
    csv.push([p.supportingOrg.name, p.recipientOrg.name, p.person.name, p.person.gender ?? "", p.person.title ?? "", p.person.department ?? "",
      periodText(postingStart(p), postingEnd(p), p.durationText), arrivalText(p), assessments.get(p.id)?.selfSummary ?? "", ...ROWS.map((k) => totals.get(p.id)?.get(k) ?? 0)]);
  }
  return { fileName: fileNameOf("assessment", { period: o.period?.label ?? "" }), sheets, csv };
}
