// 工作量月统计报告表: 附件2 as the document prints it (one form per supporting team and clinic,
// team-report.ts), then one form per posted doctor for the month (the 12 rows with the month's figures
// and the half-year's), a team summary sheet (one line per doctor), and the same figures as a flat CSV.
import type { MetricKey } from "../infra/records.js";
import type { Scope } from "../services/where.js";
import type { Db } from "../infra/db.js";
import { groupBy } from "../infra/collections.js";
import { dayjs, monthRange, type LocalDate } from "../infra/time.js";
import { getMetric } from "../domain/metrics.js";
import { formatQuantity } from "../templates/phrases.js";
import { periodWindow } from "../domain/periods.js";
import { round } from "../domain/quantity.js";
import { fill } from "../templates/render.js";
import { listEntryLabels, type PostingLabels } from "../services/workload/list-entry-labels.js";
import { findFormPostings, type FormPosting } from "../services/postings/find-form-postings.js";
import { postingEnd, postingStart } from "./posting-dates.js";
import { findSubmittedMonths } from "../services/months/find-submitted-months.js";
import { sumByPosting, type PostingTotals } from "../services/workload/sum-by-posting.js";
import type { Cell, FormDocument, Row } from "./document.js";
import { teamReportSheet } from "./team-report.js";
import { programmeTitles } from "./programme-titles.js";
import { extraMetrics, fileNameOf, FORMS, withNote, metricHeading, monthLabel, periodText } from "./layout.js";

const L = FORMS.monthly;
const EXTRA = extraMetrics(L.rows);
const WIDTHS = [6, 22, 8, 12, 16, 40];

export type MonthlyOptions = { month: string; scope: Scope; tz: string };

type Figures = { month: PostingTotals; half: PostingTotals; halfFrom: Map<number, LocalDate>; labels: PostingLabels; halfLabels: PostingLabels; submitted: Map<number, Map<string, Date>> };

/** The half-year the month's end falls in, counted from the posting's start as targets are; ends with the month. */
function halfWindow(p: FormPosting, monthEnd: LocalDate): { from: LocalDate; to: LocalDate } {
  const w = periodWindow("half_year", monthEnd, postingStart(p), postingEnd(p));
  return { from: w.from, to: monthEnd };
}

async function gather(db: Db, postings: FormPosting[], month: string): Promise<Figures> {
  const { from, to } = monthRange(month);
  const ids = postings.map((p) => p.id);
  const halfFrom = new Map(postings.map((p) => [p.id, halfWindow(p, to).from]));
  const half: PostingTotals = new Map();
  // Postings starting together share a half-year: one grouped query per distinct start.
  for (const [start, group] of groupBy(postings, (p) => halfFrom.get(p.id)!)) {
    for (const [id, totals] of await sumByPosting(db, group.map((p) => p.id), start, to)) half.set(id, totals);
  }
  return {
    month: await sumByPosting(db, ids, from, to), half, halfFrom,
    labels: await listEntryLabels(db, ids, from, to),
    halfLabels: await listEntryLabels(db, ids, [...halfFrom.values()].sort()[0] ?? from, to),
    submitted: await findSubmittedMonths(db, ids, [month]),
  };
}

const value = (totals: PostingTotals, id: number, key: MetricKey) => totals.get(id)?.get(key) ?? 0;

/** 备注: the names after 特色科室/适宜技术, the texts of 其它 and the activities the form has no row for. */
function remark(f: Figures, id: number, key: MetricKey): string {
  const labels = f.labels.get(id)?.get(key) ?? [];
  if (key !== "other") return labels.join(FORMS.listSep);
  const extras = EXTRA.filter((k) => k !== "other" && value(f.month, id, k) > 0)
    .map((k) => fill(FORMS.extraMetric, { name: getMetric(k).short, value: formatQuantity(value(f.month, id, k)), unit: getMetric(k).unit }));
  return [...labels, ...extras].join(FORMS.itemSep);
}

function formRows(p: FormPosting, f: Figures, month: string, tz: string): Row[] {
  const vars = {
    supportingOrg: p.supportingOrg.name, recipientOrg: p.recipientOrg.name, monthLabel: monthLabel(month),
    name: p.person.name, department: p.person.department ?? "", title: p.person.title ?? "",
    period: periodText(postingStart(p), postingEnd(p), p.durationText),
  };
  const line = (texts: string[]): Row => ({ cells: [texts.map((t) => fill(t, vars)).join("　　"), null, null, null, null, null], style: "text", merges: [[1, 6]] });
  const headers = L.headers.map((h) => fill(h, { halfLabel: fill(L.halfLabel, { from: f.halfFrom.get(p.id)!.replaceAll("-", ".") }) }));
  const submitted = f.submitted.get(p.id)?.get(month);
  return [
    { cells: [L.title, null, null, null, null, null], style: "title", merges: [[1, 6]], height: 30 },
    line(L.info),
    line(L.person),
    { cells: headers, style: "header" },
    ...L.rows.map((key, i): Row => ({
      cells: [i + 1, getMetric(key).name, getMetric(key).unit, value(f.month, p.id, key), value(f.half, p.id, key), remark(f, p.id, key)],
      style: "table",
    })),
    line([submitted ? fill(L.submitted, { at: dayjs(submitted).tz(tz).format("YYYY-MM-DD HH:mm") }) : L.notSubmitted]),
    { ...line([L.footer]), pageBreak: true },
    { cells: [], style: "text" },
  ];
}

function summaryRows(postings: FormPosting[], f: Figures, month: string): Row[] {
  const header: Row = { cells: [...L.summaryHeaders, ...L.rows.map(metricHeading)], style: "header", height: 45 };
  const lines = postings.map((p, i): Row => ({
    cells: [i + 1, p.supportingOrg.name, p.recipientOrg.name, p.person.name, p.person.department ?? "",
      f.submitted.get(p.id)?.has(month) ? "✓" : "", ...L.rows.map((k) => value(f.month, p.id, k))],
    style: "table",
  }));
  const sums = L.rows.map((k) => round(postings.reduce((sum, p) => sum + value(f.month, p.id, k), 0)));
  const total: Row = { cells: [L.summaryTotal, null, null, null, null, null, ...sums], style: "header", merges: [[1, 6]] };
  const title: Row = { cells: [withNote(L.title, monthLabel(month))], style: "title", merges: [[1, 6 + L.rows.length]], height: 30 };
  return [title, header, ...lines, total];
}

function csvRows(postings: FormPosting[], f: Figures, month: string): Cell[][] {
  return [L.csvHeaders, ...postings.flatMap((p) => L.rows.map((key, i) => [
    p.supportingOrg.name, p.recipientOrg.name, p.person.name, p.person.department ?? "", month,
    i + 1, getMetric(key).name, getMetric(key).unit, value(f.month, p.id, key), value(f.half, p.id, key), remark(f, p.id, key),
  ]))];
}

export async function monthlyForm(db: Db, o: MonthlyOptions): Promise<FormDocument> {
  const postings = await findFormPostings(db, o.scope.postings, monthRange(o.month));
  const f = await gather(db, postings, o.month);
  const titles = await programmeTitles(db, postings.map((p) => p.programmeId), "monthlyTitle", L.attachment.title);
  return {
    fileName: fileNameOf("monthly", { month: o.month }),
    sheets: [
      teamReportSheet(postings, { half: f.half, labels: f.halfLabels }, { month: o.month, titleOf: (p) => titles.get(p.programmeId)! }),
      { name: L.sheet, widths: WIDTHS, rows: postings.flatMap((p) => formRows(p, f, o.month, o.tz)) },
      { name: L.summarySheet, widths: [6, 22, 24, 10, 12, 6, ...L.rows.map(() => 11)], rows: summaryRows(postings, f, o.month), headerRows: [2, 2] },
    ],
    csv: csvRows(postings, f, o.month),
  };
}
