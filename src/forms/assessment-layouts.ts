// Each programme's assessment form as its document prints it: 渝北's 附件1 考核鉴定表, 中站's 考核登记表
// (with the cumulative grassroots service its 职称 rule asks for), 盐池's 附件5 工作鉴定表 (with 附件4's
// scoring, left for the assessor's pen). The person and posting rows differ; the summary and the boxes,
// each signed by its own party with an opinion of the form's own scale, are common.
import type { AssessmentForm, Signoffs } from "../domain/assessment.js";
import type { ServiceRecord } from "../services/people/find-service-record.js";
import type { FormPosting } from "../services/postings/find-form-postings.js";
import { dayjs } from "../infra/time.js";
import { fill } from "../templates/render.js";
import { postingEnd, postingStart } from "./posting-dates.js";
import type { Cell, Row } from "./document.js";
import { FORMS, periodText } from "./layout.js";

const L = FORMS.assessment;
const F = L.fields;
export const COLS = 6;

export type LayoutInput = { p: FormPosting; form: AssessmentForm; summary: string | null; signoffs: Signoffs; tz: string; service?: ServiceRecord };

/** A label and its value spanning the rest of the row. */
export const wide = (label: string, value: Cell, height?: number): Row => ({ cells: [label, value, null, null, null, null], style: "table", merges: [[2, COLS]], height });
/** Three label/value pairs; or two, each value over two columns. */
const three = (cells: Cell[]): Row => ({ cells, style: "table" });
const two = (a: string, av: Cell, b: string, bv: Cell): Row => ({ cells: [a, av, null, b, bv, null], style: "table", merges: [[2, 3], [5, 6]] });

/** 2021年10月18日, in the programme's time zone. */
function formatDate(at: string, tz: string): string {
  const d = dayjs(at).tz(tz);
  return fill(L.signedDate, { year: d.year(), month: d.month() + 1, day: d.date() });
}

const period = (p: FormPosting) => periodText(postingStart(p), postingEnd(p), p.durationText);

/** A box left for a pen: the line to sign, under the scale to tick where the form prints one. */
function unsignedText(form: AssessmentForm): string {
  if (!form.scalePrinted) return L.unsigned;
  const scale = form.opinions.map((o) => fill(L.scale, { opinion: L.opinions[o] })).join("　");
  return fill(L.unsignedScale, { scale, unsigned: L.unsigned });
}

/** Each box: who signed, with what opinion and when; else left for a pen. */
function boxRows(i: LayoutInput): Row[] {
  return i.form.boxes.map((box) => {
    const given = i.signoffs[box.signer];
    const text = given?.by && given.at ? fill(L.signed, { opinion: L.opinions[given.opinion] ?? given.opinion, by: given.by, date: formatDate(given.at, i.tz) }) : unsignedText(i.form);
    return wide(box.label, text, 70);
  });
}

function annex1({ p }: LayoutInput): Row[] {
  const person = p.person;
  return [
    three([F.name, person.name, F.gender, person.gender ?? "", F.ethnicity, person.ethnicity ?? ""]),
    three([F.birthMonth, person.birthMonth ?? "", F.education, person.education ?? "", F.major, person.major ?? ""]),
    two(F.workplace, p.supportingOrg.name, F.specialty, person.specialty ?? person.department ?? ""),
    two(F.title, person.title ?? "", F.appointedOn, person.appointedOn ?? ""),
    wide(F.recipientOrg, p.recipientOrg.name),
    wide(F.tasks, (p.pairing?.needs ?? []).join(FORMS.listSep)),
    wide(F.period, period(p)),
    wide(F.summary, ""),
  ];
}

/** 中站: the register a 职称 application carries, so the cumulative service is on it (不少于1年). */
function register({ p, service }: LayoutInput): Row[] {
  const person = p.person;
  const R = L.register;
  const elsewhere = (service?.elsewhere ?? []).reduce((n, e) => n + e.days, 0);
  return [
    three([F.name, person.name, F.gender, person.gender ?? "", F.birthMonth, person.birthMonth ?? ""]),
    two(F.workplace, p.supportingOrg.name, R.department, person.department ?? person.specialty ?? ""),
    two(F.title, person.title ?? "", F.appointedOn, person.appointedOn ?? ""),
    two(F.recipientOrg, p.recipientOrg.name, F.mode, L.modes[p.mode]),
    wide(F.period, period(p)),
    wide(R.service, service ? fill(R.serviceDays, { days: service.totalDays, elsewhere }) : ""),
    wide(R.workSummary, ""),
  ];
}

/** 盐池 附件5, with 附件4's items: points printed, scores left for the assessor. */
function appraisal({ p, form }: LayoutInput): Row[] {
  const person = p.person;
  const A = L.appraisal;
  return [
    three([F.name, person.name, F.gender, person.gender ?? "", F.ethnicity, person.ethnicity ?? ""]),
    three([F.birthMonth, person.birthMonth ?? "", F.education, person.education ?? "", F.major, person.major ?? ""]),
    two(A.workplace, p.supportingOrg.name, F.title, person.title ?? ""),
    two(F.recipientOrg, p.recipientOrg.name, F.mode, L.modes[p.mode]),
    wide(F.period, period(p)),
    wide(F.summary, ""),
    ...scoringRows(form.scoring ?? []),
  ];
}

function scoringRows(items: NonNullable<AssessmentForm["scoring"]>): Row[] {
  if (items.length === 0) return [];
  const A = L.appraisal;
  const item = (label: Cell, points: Cell, score: Cell, style: Row["style"], height?: number): Row => ({ cells: [label, null, null, null, points, score], style, merges: [[1, 4]], height });
  return [
    { cells: [A.scoringTitle, null, null, null, null, null], style: "header", merges: [[1, COLS]] },
    item(A.scoringHeaders[0], A.scoringHeaders[1], A.scoringHeaders[2], "header"),
    ...items.map((s) => item(s.item, s.points, null, "table", 30)),
    item(A.total, items.reduce((n, s) => n + s.points, 0), null, "table"),
  ];
}

const LAYOUTS = { annex1, register, appraisal } satisfies Record<AssessmentForm["layout"], (i: LayoutInput) => Row[]>;

/** The form's rows from the person to the last box; the summary row holds the doctor's own words. */
export function layoutRows(i: LayoutInput): Row[] {
  const rows = LAYOUTS[i.form.layout](i);
  const summaryLabel = i.form.layout === "register" ? L.register.workSummary : F.summary;
  return [...rows.map((r) => (r.cells[0] === summaryLabel ? wide(summaryLabel, i.summary ?? "", 120) : r)), ...boxRows(i)];
}
