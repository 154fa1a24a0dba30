// 基层服务证明: a person's grassroots service as a printable sheet: each posting with its programme, clinic,
// dates, days and the assessment's outcome, the service elsewhere the bureau entered, and the days in all
// (each counted once). Within the caller's scope: a person none of whose postings it sees is not found.
import type { Db } from "../infra/db.js";
import type { LocalDate } from "../infra/time.js";
import { AppError } from "../errors.js";
import { findServiceRecord } from "../services/people/find-service-record.js";
import type { Scope } from "../services/where.js";
import { createRenderer, fill } from "../templates/render.js";
import type { Cell, FormDocument, Row } from "./document.js";
import { FORMS } from "./layout.js";

const L = FORMS.service;
const sayApi = createRenderer("api");

export async function serviceForm(db: Db, o: { personId: number; scope: Scope; today: LocalDate }): Promise<FormDocument> {
  const seen = await db.posting.count({ where: { AND: [{ personId: o.personId }, o.scope.postings] } });
  const record = seen > 0 ? await findServiceRecord(db, o.personId, o.today) : undefined;
  if (!record) throw new AppError("not_found", sayApi("not_found"));
  const width = L.headers.length;
  const outcome = (a: { submitted: boolean; opinions: string[] } | null) => (a ? (a.opinions.join(FORMS.listSep) || (a.submitted ? L.signed : L.inProgress)) : L.noAssessment);
  const lines: Cell[][] = [
    ...record.postings.map((p) => [L.kindPosting, p.programme, p.clinic, p.from, p.to, p.days, outcome(p.assessment)]),
    ...record.elsewhere.map((e) => [e.kind, e.note ?? "", "", e.from, e.to, e.days, ""]),
  ];
  const rows: Row[] = [
    { cells: [L.title], style: "title", merges: [[1, width]], height: 30 },
    { cells: [fill(L.person, { name: record.name, organization: record.organization, today: o.today })], style: "text", merges: [[1, width]] },
    { cells: L.headers, style: "header" },
    ...lines.map((cells): Row => ({ cells, style: "table" })),
    { cells: [fill(L.total, { days: record.totalDays, years: Math.floor((record.totalDays / 365) * 10) / 10 }), ...Array(width - 1).fill(null)], style: "header", merges: [[1, width]] },
    { cells: [L.signLine], style: "text", merges: [[1, width]], height: 60 },
  ];
  return {
    fileName: fill(FORMS.fileNames.service, { name: record.name }),
    sheets: [{ name: L.sheet, widths: [12, 22, 26, 12, 12, 8, 24], rows, headerRows: [3, 3] }],
    csv: [L.headers, ...lines],
  };
}
