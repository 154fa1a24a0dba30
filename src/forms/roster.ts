// The roster in its programme document's own layout (the programme's `forms.roster`): 渝北's 附件3 as
// printed (a title, 支援人员有关情况 over 姓名 … 支援时间, the clinic's contact as 姓名：电话), 科左中旗's
// 关系表 (序号, one line per pairing with its 需帮扶项目 and names) or 明溪's 名单 (序号 and 选派医师数).
// Written so that importing it reproduces the same postings: 支援时间 carries the dates (and what the
// roster first said, in brackets), and a pairing with nobody posted keeps a line of its own.
import type { Db } from "../infra/db.js";
import { findUnpostedPairings } from "../services/programme/find-unposted-pairings.js";
import { findProgrammeRules } from "../services/programme/find-programme-rules.js";
import { fill } from "../templates/render.js";
import { findFormPostings, type FormPosting } from "../services/postings/find-form-postings.js";
import { groupBy } from "../infra/collections.js";
import { postingEnd, postingStart } from "./posting-dates.js";
import type { Cell, FormDocument, Row } from "./document.js";
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

type Unposted = Awaited<ReturnType<typeof findUnpostedPairings>>[number];
/** `contacts`: the pairings' 受援单位联系人 by person id. */
type Lines = { postings: FormPosting[]; empty: Unposted[]; contacts: Map<number, string> };
type Layout = { sheet: string; widths: number[]; head: Row[]; headers: string[]; rows: Cell[][]; headerRows: [number, number] };

/** 刘平春：13800000001, or whichever of the two the records have. */
const contactCell = (name: string | undefined, phone: string | null) => (name && phone ? fill(L.contact, { name, phone }) : name ?? phone ?? "");

function annex3(lines: Lines, title: string): Layout {
  const rows: Cell[][] = [
    ...lines.postings.map((p) => [
      p.supportingOrg.name, p.recipientOrg.name, contactCell(lines.contacts.get(p.pairing?.contactPersonId ?? -1), p.recipientOrg.phone), p.person.name, p.person.gender ?? "",
      p.person.title ?? "", p.person.department ?? "", p.person.phone ?? "", rosterPeriod(postingStart(p), postingEnd(p), p.durationText),
    ]),
    ...lines.empty.map((e) => [e.supportingOrg.name, e.recipientOrg.name, contactCell(lines.contacts.get(e.contactPersonId ?? -1), e.recipientOrg.phone), "", "", "", "", "", ""]),
  ];
  const width = L.headers.length;
  return {
    sheet: L.sheet, widths: [24, 24, 22, 10, 6, 12, 14, 14, 30], headers: L.headers, rows, headerRows: [3, 4],
    head: [
      { cells: [L.title], style: "text" },
      { cells: [title], style: "title", merges: [[1, width]], height: 30 },
      { cells: [...L.headers.slice(0, 3), L.group, ...Array(width - 4).fill("")], style: "header", merges: [[4, width]], mergeDown: [1, 2, 3] },
      { cells: ["", "", "", ...L.headers.slice(3)], style: "header" },
    ],
  };
}

/** One line per pairing: its postings' names, and their dates when they share them (else what the roster said), in the pairings' order. */
function perPairing(lines: Lines) {
  const byPairing = groupBy(lines.postings, (p) => `${p.supportingOrg.name}|${p.recipientOrg.name}`);
  const posted = [...byPairing.values()].map((ps) => {
    const periods = new Set(ps.map((p) => rosterPeriod(postingStart(p), postingEnd(p), p.durationText)));
    return { id: ps[0].pairingId ?? 0, team: ps[0].supportingOrg.name, clinic: ps[0].recipientOrg.name, needs: ps[0].pairing?.needs ?? [], planned: ps[0].pairing?.plannedDoctors ?? null,
      names: ps.map((p) => p.person.name), period: periods.size === 1 ? [...periods][0] : ps[0].durationText ?? "" };
  });
  const empty = lines.empty.map((e) => ({ id: e.id, team: e.supportingOrg.name, clinic: e.recipientOrg.name, needs: e.needs, planned: e.plannedDoctors, names: [] as string[], period: "" }));
  // In the order the pairings were made: the order of the document's own list (its 序号).
  return [...posted, ...empty].sort((a, b) => a.id - b.id);
}

function relations(lines: Lines, title: string): Layout {
  const R = L.relations;
  const rows: Cell[][] = perPairing(lines).map((p, i) => [i + 1, p.team, p.clinic, p.needs.join(FORMS.listSep), p.names.join(FORMS.listSep), p.period]);
  return { sheet: R.sheet, widths: [6, 26, 26, 30, 30, 28], headers: R.headers, rows, headerRows: [2, 2], head: [{ cells: [title], style: "title", merges: [[1, R.headers.length]], height: 30 }, { cells: R.headers, style: "header" }] };
}

function list(lines: Lines, title: string): Layout {
  const M = L.list;
  const rows: Cell[][] = perPairing(lines).map((p, i) => [i + 1, p.team, p.clinic, p.planned ?? p.names.length]);
  return { sheet: M.sheet, widths: [6, 24, 24, 12], headers: M.headers, rows, headerRows: [2, 2], head: [{ cells: [title], style: "title", merges: [[1, M.headers.length]], height: 30 }, { cells: M.headers, style: "header" }] };
}

const LAYOUTS = { annex3, relations, list };

export async function rosterForm(db: Db, o: RosterOptions): Promise<FormDocument> {
  const programme = o.programme ? { programme: { name: o.programme } } : {};
  const postings = await findFormPostings(db, o.scope.postings, o.period, { ...programme, status: { not: "replaced" } });
  const empty = await findUnpostedPairings(db, { scope: o.scope.pairings, programme: o.programme });
  const rules = o.programme ? await findProgrammeRules(db, { name: o.programme }) : undefined;
  const names = [...new Set([...postings.map((p) => p.programme.name), ...empty.map((e) => e.programme.name)])];
  const kind = rules?.forms?.roster ?? "annex3";
  const title = rules?.forms?.rosterTitle ?? fill(kind === "list" ? L.list.title : kind === "relations" ? L.relations.title : L.subtitle, { programme: o.programme ?? names.join(FORMS.listSep) });
  const contactIds = [...postings.map((p) => p.pairing?.contactPersonId), ...empty.map((e) => e.contactPersonId)].filter((id): id is number => id != null);
  const contacts = new Map((await db.person.findMany({ where: { id: { in: [...new Set(contactIds)] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const layout = LAYOUTS[kind]({ postings, empty, contacts }, title);
  return {
    fileName: fileNameOf("roster", { programme: o.programme ?? "" }),
    sheets: [{ name: layout.sheet, widths: layout.widths, headerRows: layout.headerRows, rows: [...layout.head, ...layout.rows.map((cells) => ({ cells, style: "table" as const }))] }],
    csv: [layout.headers, ...layout.rows],
  };
}
