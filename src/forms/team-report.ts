// 工作量统计报告表 as 渝北 附件2 prints it: one form per supporting team and clinic (支援医疗团队（单位或个人）,
// 受援乡镇卫生院), columns 项目 | 帮扶内容 | 帮扶结果, 半年工作情况小结 beside the twelve rows (their units
// in their names), the team's half-year to the month's end, and the 备注 line. The programme's own title.
import type { MetricKey } from "../infra/records.js";
import { groupBy } from "../infra/collections.js";
import { round } from "../domain/quantity.js";
import { fill } from "../templates/render.js";
import type { FormPosting } from "../services/postings/find-form-postings.js";
import type { PostingLabels } from "../services/workload/list-entry-labels.js";
import type { PostingTotals } from "../services/workload/sum-by-posting.js";
import type { Row, Sheet } from "./document.js";
import { FORMS, metricHeading, monthLabel } from "./layout.js";

const A = FORMS.monthly.attachment;
const ROWS = FORMS.monthly.rows;
const text = (t: string): Row => ({ cells: [t, null, null], style: "text", merges: [[1, 3]] });

export type TeamFigures = { half: PostingTotals; labels: PostingLabels };

function result(postings: FormPosting[], f: TeamFigures, key: MetricKey): string | number {
  const value = round(postings.reduce((sum, p) => sum + (f.half.get(p.id)?.get(key) ?? 0), 0));
  const names = [...new Set(postings.flatMap((p) => f.labels.get(p.id)?.get(key) ?? []))];
  return names.length > 0 ? fill(A.named, { value, names: names.join(FORMS.listSep) }) : value;
}

function teamRows(postings: FormPosting[], f: TeamFigures, o: { title: string; month: string }): Row[] {
  const [first] = postings;
  const team = first.supportingOrg.name;
  return [
    { cells: [fill(A.titleWithMonth, { title: o.title, monthLabel: monthLabel(o.month) }), null, null], style: "title", merges: [[1, 3]], height: 36 },
    text(fill(A.team, { team, clinic: first.recipientOrg.name })),
    { cells: A.headers, style: "header" },
    ...ROWS.map((key, i): Row => ({ cells: [i === 0 ? A.section : null, A.rowNames[key] ?? metricHeading(key), result(postings, f, key)], style: "table" })),
    { ...text(A.note), pageBreak: true },
    { cells: [], style: "text" },
  ];
}

/** One block per supporting team and clinic, in the forms' order; `title` is the programme's. */
export function teamReportSheet(postings: FormPosting[], f: TeamFigures, o: { month: string; titleOf: (p: FormPosting) => string }): Sheet {
  const teams = groupBy(postings, (p) => `${p.supportingOrgId}:${p.recipientOrgId}`);
  return { name: A.sheet, widths: [20, 34, 40], rows: [...teams.values()].flatMap((group) => teamRows(group, f, { title: o.titleOf(group[0]), month: o.month })) };
}
