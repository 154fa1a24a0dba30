// 季度考核统计表: one sheet per supporting hospital for a quarter (one line per posted doctor: status,
// arrival, month reports handed in, the quarter's figures, targets), and the quarter's effectiveness
// summary per programme (staffing, workload this quarter and since the start, meetings, visits).
import type { Db } from "../infra/db.js";
import { programmeTitles } from "./programme-titles.js";
import { groupBy } from "../infra/collections.js";
import { dayjs, fromDbDate, type LocalDate, type Period } from "../infra/time.js";
import { completionText } from "./completion-text.js";
import { measureCompletion } from "../services/targets/measure-completion.js";
import { getMetric } from "../domain/metrics.js";
import { countOversight } from "../services/oversight/count-oversight.js";
import { countPairings } from "../services/programme/count-pairings.js";
import { findProgramme } from "../services/programme/find-programme.js";
import { findProgrammeRules } from "../services/programme/find-programme-rules.js";
import { allowanceFor } from "../domain/allowance.js";
import { round } from "../domain/quantity.js";
import type { Scope } from "../services/where.js";
import { fill } from "../templates/render.js";
import { listEntryLabels } from "../services/workload/list-entry-labels.js";
import { findFormPostings, type FormPosting } from "../services/postings/find-form-postings.js";
import { postingEnd, postingStart } from "./posting-dates.js";
import { findSubmittedMonths } from "../services/months/find-submitted-months.js";
import { sumByPosting, type PostingTotals } from "../services/workload/sum-by-posting.js";
import { sheetNamer, type Cell, type FormDocument, type Row, type Sheet } from "./document.js";
import { FORMS, fileNameOf, metricHeading, quarterLabel } from "./layout.js";

const L = FORMS.quarterly;

export type QuarterlyOptions = { quarter: Period; scope: Scope; tz: string };

function monthsOf(p: Period): string[] {
  return [0, 1, 2].map((i) => dayjs.utc(p.from).add(i, "month").format("YYYY-MM"));
}

/** Months of the quarter the posting covered; a month counts once it is within the posting's dates. */
function dueMonths(p: FormPosting, quarter: Period): string[] {
  const [start, end] = [postingStart(p), postingEnd(p)];
  return monthsOf(quarter).filter((m) => (!start || start.slice(0, 7) <= m) && (!end || end.slice(0, 7) >= m));
}

/**
 * Each target judged over the quarter's periods (weekly minimums as weeks met out of the quarter's weeks
 * in post), up to `at`: the quarter's end, or the posting's when it ended sooner.
 */
async function targetsText(db: Db, p: FormPosting, quarter: Period, at: LocalDate): Promise<string> {
  const completions = await measureCompletion(db, { id: p.id, programmeId: p.programmeId, start: postingStart(p), end: postingEnd(p) }, at);
  const inQuarter = completions.map((t) => {
    const periods = t.periods.filter((w) => w.to >= quarter.from && w.from <= quarter.to);
    return { ...t, periods, met: periods.filter((w) => w.met).length, judged: periods.length };
  }).filter((t) => t.judged > 0);
  return inQuarter.map((t) => fill(FORMS.completion.named, { metric: getMetric(t.metric).short, text: completionText(t) })).join(FORMS.itemSep) || FORMS.none;
}

async function orgLines(db: Db, postings: FormPosting[], quarter: Period, totals: PostingTotals): Promise<Cell[][]> {
  const submitted = await findSubmittedMonths(db, postings.map((p) => p.id), monthsOf(quarter));
  const lines: Cell[][] = [];
  for (const [i, p] of postings.entries()) {
    const due = dueMonths(p, quarter);
    const done = due.filter((m) => submitted.get(p.id)?.has(m)).length;
    const end = postingEnd(p);
    lines.push([
      i + 1, p.recipientOrg.name, p.person.name, p.person.department ?? "", p.person.title ?? "", FORMS.statuses[p.status],
      p.arrivedAt ? fromDbDate(p.arrivedAt) : "", fill(FORMS.reportsSubmitted, { done, due: due.length }),
      ...L.rows.map((k) => totals.get(p.id)?.get(k) ?? 0),
      await targetsText(db, p, quarter, end && end < quarter.to ? end : quarter.to),
    ]);
  }
  return lines;
}

function orgSheet(name: string, org: string, quarter: Period, lines: Cell[][]): Sheet {
  const headers = [...L.headers, ...L.rows.map(metricHeading), L.targetsHeader];
  return {
    name,
    widths: [6, 24, 10, 12, 12, 8, 12, 8, ...L.rows.map(() => 10), 40],
    rows: [
      { cells: [fill(L.title, { org, quarterLabel: quarterLabel(quarter.label) })], style: "title", merges: [[1, headers.length]], height: 30 },
      { cells: headers, style: "header", height: 45 },
      ...lines.map((cells): Row => ({ cells, style: "table" })),
    ],
    headerRows: [2, 2],
  };
}

type Counted = { label: string; quarter: Cell; total: Cell };

async function programmeSummary(db: Db, programmeId: number, postings: FormPosting[], quarter: Period, scope: Scope): Promise<Counted[]> {
  const programme = (await findProgramme(db, { id: programmeId }))!;
  const since = programme.startDate ? fromDbDate(programme.startDate) : "1970-01-01";
  const ids = postings.map((p) => p.id);
  const [inQuarter, sinceStart, labels] = [await sumByPosting(db, ids, quarter.from, quarter.to), await sumByPosting(db, ids, since, quarter.to), await listEntryLabels(db, ids, since, quarter.to)];
  const sum = (t: PostingTotals, k: (typeof L.rows)[number]) => round(ids.reduce((s, id) => s + (t.get(id)?.get(k) ?? 0), 0));
  const names = (k: "specialties" | "techniques") => [...new Set(ids.flatMap((id) => labels.get(id)?.get(k) ?? []))].join(FORMS.listSep) || FORMS.none;
  const orgs = { supportingOrgIds: [...new Set(postings.map((p) => p.supportingOrgId))], clinicIds: [...new Set(postings.map((p) => p.recipientOrgId))] };
  const [counted, countedSince] = [await countOversight(db, { ...orgs, from: quarter.from, to: quarter.to }), await countOversight(db, { ...orgs, from: since, to: quarter.to })];
  const byStatus = (status: FormPosting["status"]) => postings.filter((p) => p.status === status).length;
  const R = L.summaryRows;
  const rows: Counted[] = [
    { label: R.pairings, quarter: await countPairings(db, scope.pairings, programmeId), total: null },
    { label: R.postings, quarter: postings.length, total: null },
    { label: R.arrived, quarter: byStatus("arrived"), total: null },
    { label: R.pending, quarter: byStatus("planned"), total: null },
    { label: R.ended, quarter: byStatus("ended"), total: null },
    { label: R.replaced, quarter: byStatus("replaced"), total: null },
    ...L.rows.filter((k) => k !== "other").map((k) => ({ label: metricHeading(k), quarter: sum(inQuarter, k), total: sum(sinceStart, k) })),
    { label: R.meetings, quarter: counted.meetings, total: countedSince.meetings },
  ];
  for (const kind of ["bureau", "hospital_leader", "dept_head"] as const) rows.push({ label: R[`visits_${kind}`], quarter: counted[kind], total: countedSince[kind] });
  // The document's allowance, where it sets one: what the postings earned in the quarter and since the start.
  const rules = await findProgrammeRules(db, { id: programmeId });
  if (rules?.allowance) {
    const earned = (from: LocalDate) => postings.reduce((yuan, p) => yuan + allowanceFor(rules, { clinic: p.recipientOrg.name, start: postingStart(p), end: postingEnd(p) }, from, quarter.to), 0);
    rows.push({ label: R.allowance, quarter: earned(quarter.from), total: earned(since) });
  }
  rows.push({ label: R.specialtyNames, quarter: null, total: names("specialties") }, { label: R.techniqueNames, quarter: null, total: names("techniques") });
  return rows;
}

function summarySheet(name: string, programme: string, quarter: Period, rows: Counted[]): Sheet {
  return {
    name,
    widths: [30, 16, 40],
    rows: [
      { cells: [fill(L.summaryTitle, { programme, quarterLabel: quarterLabel(quarter.label) })], style: "title", merges: [[1, 3]], height: 30 },
      { cells: L.summaryHeaders, style: "header" },
      ...rows.map((r): Row => ({ cells: [r.label, r.quarter, r.total], style: "table" })),
    ],
  };
}

export async function quarterlyForm(db: Db, o: QuarterlyOptions): Promise<FormDocument> {
  const postings = await findFormPostings(db, o.scope.postings, o.quarter);
  const totals = await sumByPosting(db, postings.map((p) => p.id), o.quarter.from, o.quarter.to);
  const name = sheetNamer();
  const sheets: Sheet[] = [];
  const csv: Cell[][] = [[...L.csvHeaders, ...L.headers, ...L.rows.map(metricHeading), L.targetsHeader]];
  for (const group of groupBy(postings, (p) => p.supportingOrg.name).values()) {
    const org = group[0].supportingOrg.name;
    const lines = await orgLines(db, group, o.quarter, totals);
    sheets.push(orgSheet(name(org), org, o.quarter, lines));
    csv.push(...lines.map((line) => [org, o.quarter.label, ...line]));
  }
  // The summary is titled by the programme's document (科左中旗二级医院对口帮扶基层卫生院工作方案), not
  // its name in duikou, which is often a file's.
  const titles = await programmeTitles(db, postings.map((p) => p.programmeId), "quarterlyTitle", "");
  for (const group of groupBy(postings, (p) => p.programmeId).values()) {
    const rows = await programmeSummary(db, group[0].programmeId, group, o.quarter, o.scope);
    const title = titles.get(group[0].programmeId) || group[0].programme.name;
    sheets.push(summarySheet(name(`${L.summarySheet}_${group[0].programme.name}`), title, o.quarter, rows));
  }
  return { fileName: fileNameOf("quarterly", { quarter: o.quarter.label }), sheets, csv };
}
