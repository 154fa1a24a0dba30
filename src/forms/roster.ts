// The posting roster in the 附件3 layout. Written so that importing it reproduces the same postings:
// 支援时间 carries the dates (and what the roster first said, in brackets), and a pairing with nobody
// posted yet keeps a row of its own with the name left empty.
import type { Db } from "../infra/db.js";
import { findUnpostedPairings } from "../services/programme/find-unposted-pairings.js";
import { fill } from "../templates/render.js";
import { findFormPostings } from "../services/postings/find-form-postings.js";
import { postingEnd, postingStart } from "./posting-dates.js";
import type { Cell, FormDocument } from "./document.js";
import { FORMS, fileNameOf, periodText, withNote } from "./layout.js";
import type { Scope } from "../services/where.js";
import type { Period } from "../infra/time.js";

const L = FORMS.roster;

export type RosterOptions = { scope: Scope; programme?: string; period?: Period };

/** 2021.05.01至2021.10.31（6个月-1年）: the import reads the dates back, and the bracket as 支援时间's text. */
export function rosterPeriod(start: string | null, end: string | null, durationText: string | null): string {
  if (!start || !end) return durationText ?? "";
  const dates = periodText(start, end, null);
  return durationText ? withNote(dates, durationText) : dates;
}

export async function rosterForm(db: Db, o: RosterOptions): Promise<FormDocument> {
  const programme = o.programme ? { programme: { name: o.programme } } : {};
  const postings = await findFormPostings(db, o.scope.postings, o.period, { ...programme, status: { not: "replaced" } });
  const empty = await findUnpostedPairings(db, { scope: o.scope.pairings, programme: o.programme });
  const rows: Cell[][] = [
    ...postings.map((p) => [
      p.supportingOrg.name, p.recipientOrg.name, p.recipientOrg.phone ?? "", p.person.name, p.person.gender ?? "",
      p.person.title ?? "", p.person.department ?? "", p.person.phone ?? "", rosterPeriod(postingStart(p), postingEnd(p), p.durationText),
    ]),
    ...empty.map((e) => [e.supportingOrg.name, e.recipientOrg.name, e.recipientOrg.phone ?? "", "", "", "", "", "", ""]),
  ];
  const programmes = [...new Set([...postings.map((p) => p.programme.name), ...empty.map((e) => e.programme.name)])];
  const subtitle = fill(L.subtitle, { programme: o.programme ?? programmes.join(FORMS.listSep) });
  const width = L.headers.length;
  return {
    fileName: fileNameOf("roster", { programme: o.programme ?? "" }),
    sheets: [{
      name: L.sheet,
      widths: [24, 24, 14, 10, 6, 12, 12, 14, 30],
      rows: [
        { cells: [L.title], style: "text" },
        { cells: [subtitle], style: "title", merges: [[1, width]], height: 30 },
        { cells: L.headers, style: "header" },
        ...rows.map((cells) => ({ cells, style: "table" as const })),
      ],
    }],
    csv: [L.headers, ...rows],
  };
}
