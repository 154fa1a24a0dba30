// templates/forms.json, checked once at load: the words and order of each form live there.
import { z } from "zod";
import { METRIC_KEYS, getMetric, type MetricKey } from "../domain/metrics.js";
import { fill } from "../templates/render.js";
import { loadTemplate } from "../templates/load.js";
import { AssessmentFormSchema } from "../domain/assessment.js";

const Texts = z.array(z.string());
const Rows = z.array(z.enum(METRIC_KEYS)).min(1);

const FormsSchema = z.object({
  monthly: z.object({
    title: z.string(), sheet: z.string(), summarySheet: z.string(), info: Texts, person: Texts, headers: Texts, halfLabel: z.string(),
    rows: Rows, footer: z.string(), submitted: z.string(), notSubmitted: z.string(), summaryHeaders: Texts, summaryTotal: z.string(), csvHeaders: Texts,
    attachment: z.object({
      sheet: z.string(), title: z.string(), titleWithMonth: z.string(), team: z.string(), headers: Texts.length(3), section: z.string(),
      rowNames: z.partialRecord(z.enum(METRIC_KEYS), z.string()), named: z.string(), note: z.string(),
    }),
  }),
  quarterly: z.object({
    title: z.string(), headers: Texts, targetsHeader: z.string(), rows: Rows, summaryTitle: z.string(), summarySheet: z.string(),
    summaryHeaders: Texts, summaryRows: z.record(z.string(), z.string()), csvHeaders: Texts,
  }),
  roster: z.object({
    title: z.string(), subtitle: z.string(), sheet: z.string(), headers: Texts.length(9), group: z.string(), contact: z.string(),
    relations: z.object({ sheet: z.string(), title: z.string(), headers: Texts.length(6) }),
    list: z.object({ sheet: z.string(), title: z.string(), headers: Texts.length(4) }),
  }),
  assessment: z.object({
    title: z.string(), fields: z.record(z.string(), z.string()), modes: z.record(z.string(), z.string()), arrivalBy: z.string(),
    workloadTitle: z.string(), workloadHeaders: Texts, periods: z.record(z.string(), z.string()), levels: z.record(z.string(), z.string()), target: z.string(), met: z.string(), notMet: z.string(),
    defaultForm: AssessmentFormSchema, scale: z.string(), unsigned: z.string(), unsignedScale: z.string(),
    register: z.object({ department: z.string(), service: z.string(), serviceDays: z.string(), workSummary: z.string() }),
    appraisal: z.object({ workplace: z.string(), scoringTitle: z.string(), scoringHeaders: Texts.length(3), total: z.string() }),
    signed: z.string(), signedDate: z.string(), mentees: z.string(), opinions: z.record(z.string(), z.string()), csvHeaders: Texts,
  }),
  service: z.object({
    title: z.string(), sheet: z.string(), person: z.string(), headers: Texts.length(7), kindPosting: z.string(), total: z.string(),
    signLine: z.string(), signed: z.string(), inProgress: z.string(), noAssessment: z.string(),
  }),
  completion: z.object({ one: z.string(), many: z.string(), named: z.string(), units: z.record(z.string(), z.string()), none: z.string() }),
  statuses: z.record(z.string(), z.string()),
  lists: z.object({ postings: z.object({ sheet: z.string(), title: z.string(), headers: Texts.length(11) }), arrival: z.string(), vias: z.record(z.string(), z.string()) }),
  fileNames: z.object({ monthly: z.string(), quarterly: z.string(), roster: z.string(), assessment: z.string(), service: z.string(), postings: z.string() }), fileNamePart: z.string(), font: z.string(), listSep: z.string(), itemSep: z.string(), withNote: z.string(),
  monthLabel: z.string(), quarterLabel: z.string(), periodText: z.string(), reportsSubmitted: z.string(), extraMetric: z.string(), none: z.string(),
});

export const FORMS = loadTemplate("forms", FormsSchema);

/** 诊疗病人（人次）: a metric as a column heading. */
export const metricHeading = (key: MetricKey) => withNote(getMetric(key).name, getMetric(key).unit);

export const monthLabel = (month: string) => fill(FORMS.monthLabel, { year: month.slice(0, 4), month: Number(month.slice(5, 7)) });
export const quarterLabel = (label: string) => fill(FORMS.quarterLabel, { year: label.slice(0, 4), quarter: label.slice(5) });

/** 2021.05.01至2021.10.31, or what the roster said when it gave no dates. */
export function periodText(start: string | null, end: string | null, durationText: string | null): string {
  if (start && end) return fill(FORMS.periodText, { start: start.replaceAll("-", "."), end: end.replaceAll("-", ".") });
  return durationText ?? start?.replaceAll("-", ".") ?? "";
}

/** The metrics that have no row of their own on a form, written into its 开展的其它项目 row. */
export function extraMetrics(rows: readonly MetricKey[]): MetricKey[] {
  return METRIC_KEYS.filter((k) => !rows.includes(k));
}

/** A form's file name (no extension): its template, with an optional part ("_渝北2021") where the form names one. */
export const fileNameOf = (form: keyof typeof FORMS.fileNames, vars: Record<string, string>) =>
  fill(FORMS.fileNames[form], Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, ["programme", "period"].includes(k) && v ? fill(FORMS.fileNamePart, { part: v }) : v])));

/** 诊疗病人（人次）, 2021-05-01 至 2021-10-31（6个月）: a text with a note in brackets. */
export const withNote = (text: string, note: string) => fill(FORMS.withNote, { text, note });
