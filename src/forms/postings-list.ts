// The postings list as the console shows it (its filters and order), as XLSX: the clerk's "export what
// is shown". Headings and words from templates/forms.json (lists.postings).
import type { FormDocument, Row } from "./document.js";
import { FORMS, fileNameOf } from "./layout.js";
import { fill } from "../templates/render.js";
import { toXlsx } from "./xlsx.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Listed = {
  person: { name: string; department: string | null; title: string | null }; supportingOrg: string; recipientOrg: string; programme: string;
  startDate: string | null; endDate: string | null; durationText: string | null; status: string; arrival: { on: string; via: string; confirmedBy: string | null } | null;
};

const L = FORMS.lists;
const arrivalText = (a: Listed["arrival"]) => (a ? fill(L.arrival, { on: a.on, via: L.vias[a.via] ?? a.via, by: a.confirmedBy ?? "" }) : "");

export async function postingsWorkbook(items: Listed[], today: string): Promise<{ fileName: string; contentType: string; body: Buffer }> {
  const rows: Row[] = [
    { cells: [fill(L.postings.title, { today, count: items.length })], style: "title", merges: [[1, L.postings.headers.length]] },
    { cells: L.postings.headers, style: "header" },
    ...items.map((p, i): Row => ({ style: "table", cells: [i + 1, p.person.name, p.person.department, p.person.title, p.supportingOrg, p.recipientOrg, p.programme,
      p.startDate ?? p.durationText, p.endDate, FORMS.statuses[p.status] ?? p.status, arrivalText(p.arrival)] })),
  ];
  const doc: FormDocument = { fileName: fileNameOf("postings", { today }), csv: [], sheets: [{ name: L.postings.sheet, widths: [6, 10, 12, 12, 24, 24, 14, 12, 12, 8, 30], rows, headerRows: [2, 2] }] };
  return { fileName: `${doc.fileName}.xlsx`, contentType: XLSX_TYPE, body: await toXlsx(doc) };
}
