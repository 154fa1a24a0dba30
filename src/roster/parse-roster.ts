// Pure: a roster table (the seed documents' own columns) → rows the importer can apply, with the
// warnings and rejections a clerk needs to fix the sheet. Never invents a person from an empty cell.
import { isValidDate, toLocalDate, type LocalDate } from "../infra/time.js";
import { createRenderer } from "../templates/render.js";
import { RosterFileError, type Table } from "./read-table.js";
import { parseTargetSpecs, type TargetSpec } from "../domain/target-spec.js";

const say = createRenderer("cli");

export const COLUMNS = {
  supportingOrg: ["支援单位", "县级医院", "二级医院名称", "支援单位名称", "支援医院", "派出单位"],
  recipientOrg: ["受援单位", "受援卫生院", "基层卫生院名称", "受援卫生院名称", "受援单位名称"],
  names: ["姓名", "下派人员姓名", "派驻人员", "支援人员"],
  needs: ["需帮扶项目"],
  plannedDoctors: ["选派医师数"],
  duration: ["帮扶时间", "支援时间"],
  gender: ["性别"],
  title: ["职称", "现任专业技术职务"],
  department: ["科室"],
  ethnicity: ["民族"],
  birthMonth: ["出生年月"],
  education: ["最高学历"],
  major: ["所学专业"],
  specialty: ["现从事专业"],
  appointedOn: ["聘任时间"],
  mode: ["派驻方式", "支援方式"],
  targets: ["工作目标", "个人目标"],
  schedule: ["排班", "驻点日"],
  phone: ["联系电话", "联系方式", "手机号"],
  // Only in the 附件3 layout, which has both: see mapHeader.
  clinicPhone: [],
  start: ["开始日期"],
  end: ["结束日期"],
  contact: ["受援单位联系人"],
  // 附件3 as printed: the clinic's contact and number in one cell (刘平春：13800000001).
  clinicContact: ["受援卫生院联系电话", "受援单位联系电话"],
  // 所在区县: whose bureau signs each side's box of the assessment (a roster may span two counties).
  supportingCounty: ["支援单位所在区县"],
  recipientCounty: ["受援单位所在区县"],
  wecom: ["企业微信账号"],
  dingtalk: ["钉钉账号"],
  contactWecom: ["联系人企业微信账号"],
  contactDingtalk: ["联系人钉钉账号"],
} as const;
export type Field = keyof typeof COLUMNS;

/** The person's fields only the 考核鉴定表 prints. */
export const DETAILS = ["ethnicity", "birthMonth", "education", "major", "specialty", "appointedOn"] as const;
export type PersonDetails = Partial<Record<(typeof DETAILS)[number], string>>;

export type RosterDoctor = { name: string; specialty?: string };
export type RosterRow = {
  row: number;
  supportingOrg: string;
  recipientOrg: string;
  doctors: RosterDoctor[];
  needs: string[];
  plannedDoctors?: number;
  gender?: string;
  title?: string;
  /** The 考核鉴定表's own fields (民族 … 聘任时间), for a row of one doctor. */
  details?: PersonDetails;
  /** 半脱产 with the ISO weekdays on site (排班 一、三、五), or 全脱产 (the default). */
  partTime?: { weekdays: number[] };
  /** 巡诊 (中站's 巡诊医师): set half-days a week at the clinic, not 驻点. */
  circuit?: boolean;
  /** 工作目标: the posting's own targets (每名支援队员要有明确的对口支援工作目标). */
  targets?: TargetSpec[];
  department?: string;
  phone?: string;
  clinicPhone?: string;
  supportingCounty?: string;
  recipientCounty?: string;
  start?: LocalDate;
  end?: LocalDate;
  durationText?: string;
  contact?: string;
  wecom?: string;
  dingtalk?: string;
  contactWecom?: string;
  contactDingtalk?: string;
};
export type RowIssue = { row: number; message: string };
export type ParsedRoster = { rows: RosterRow[]; warnings: RowIssue[]; rejected: RowIssue[] };

function mapHeader(cells: string[]): Map<Field, number> {
  const map = new Map<Field, number>();
  cells.forEach((cell, index) => {
    const header = cell.replace(/\s/g, "");
    for (const [field, names] of Object.entries(COLUMNS) as [Field, readonly string[]][]) {
      if (names.includes(header) && !map.has(field)) map.set(field, index);
    }
  });
  // The 附件3 roster puts the clinic's 联系电话 beside the clinic's name and the doctor's 联系方式
  // beside the doctor's; a sheet with only one of them gives the doctor's number.
  const [clinic, doctor] = [cells.findIndex((c) => c.replace(/\s/g, "") === "联系电话"), cells.findIndex((c) => c.replace(/\s/g, "") === "联系方式")];
  if (clinic >= 0 && doctor >= 0) map.set("clinicPhone", clinic).set("phone", doctor);
  return map;
}

/**
 * The first of the top rows that names both a supporting and a recipient organisation (a title row above
 * it is skipped). A header of two rows, as 附件3 prints it (支援人员有关情况 merged over 姓名 … 支援时间),
 * is read as one: the lower row's names where it has them, the upper row's elsewhere. `rows`: how many
 * rows the header takes.
 */
export function findHeader(table: Table): { index: number; rows: number; columns: Map<Field, number> } {
  for (let index = 0; index < Math.min(table.length, 10); index++) {
    const columns = mapHeader(table[index]);
    if (!columns.has("supportingOrg") || !columns.has("recipientOrg")) continue;
    const below = table[index + 1] ?? [];
    // The lower row names columns the upper does not (a merged cell reads as its value in every cell it
    // covers, so the upper row's names may repeat below).
    const added = [...mapHeader(below).keys()].filter((f) => !columns.has(f));
    const subHeader = added.length >= 2;
    if (!subHeader) return { index, rows: 1, columns };
    const width = Math.max(table[index].length, below.length);
    const joined = Array.from({ length: width }, (_, i) => below[i] || table[index][i] || "");
    return { index, rows: 2, columns: mapHeader(joined) };
  }
  throw new RosterFileError("format", "no header row naming 支援单位 and 受援单位 columns");
}

/** 刘平春：13800000001 → the contact and the clinic's number; a bare number is the clinic's number. */
function readClinicContact(cell: string): { contact?: string; phone?: string } {
  const m = /^(.*?)[:：]\s*([\d+\-\s]{5,})$/.exec(cell);
  if (m) return { contact: m[1].trim() || undefined, phone: m[2].replace(/[\s-]/g, "") };
  return /^[\d+\-\s]{5,}$/.test(cell) ? { phone: cell.replace(/[\s-]/g, "") } : { contact: cell || undefined };
}

/** 姚森、关娜仁图雅、 → two people; 韩仁钦(内科) → 韩仁钦 with specialty 内科. */
export function splitNames(cell: string): RosterDoctor[] {
  return cell
    .split(/[、,，;；/\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const m = /^(.+?)\((.+)\)$/.exec(part);
      return m ? { name: m[1].trim(), specialty: m[2].trim() } : { name: part };
    })
    .filter((d) => d.name !== "");
}

export function splitNeeds(cell: string): string[] {
  return cell.split(/[、,，;；/]|及|和/).map((s) => s.trim()).filter((s) => s !== "");
}

export function parseDateCell(cell: string): LocalDate | undefined | "invalid" {
  if (cell === "") return undefined;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cell);
  if (!m) return "invalid";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? toLocalDate(y, mo, d) : "invalid";
}

const DATE = String.raw`\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?`;
const RANGE = new RegExp(String.raw`^(${DATE})\s*(?:至|到|~|～|—|-)\s*(${DATE})\s*(?:[(（](.+)[)）])?$`);

/** 支援时间 as the roster export writes it (2021.05.01至2021.10.31, maybe with what the roster first said in brackets). */
export function parseDurationCell(cell: string): { start: LocalDate; end: LocalDate; text?: string } | undefined {
  const m = RANGE.exec(cell);
  if (!m) return undefined;
  const [start, end] = [parseDateCell(m[1]), parseDateCell(m[2])];
  if (!start || !end || start === "invalid" || end === "invalid") return undefined;
  return { start, end, text: m[3]?.trim() || undefined };
}

const WEEKDAY_WORDS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/** 派驻方式 as the documents word it; anything else is refused with its row, never read as 全脱产. */
const MODE_WORDS: Record<string, "full_time" | "part_time" | "circuit"> = {
  全脱产: "full_time", 脱产: "full_time", 驻点: "full_time", 驻点帮扶: "full_time", 派驻: "full_time", 全职: "full_time",
  半脱产: "part_time", 巡诊: "circuit", 巡回诊疗: "circuit", 巡回医疗: "circuit",
};
export const readMode = (cell: string) => (cell.replace(/\s/g, "") === "" ? "full_time" : MODE_WORDS[cell.replace(/\s/g, "")]);

/** 半脱产 with 排班 "周一、周三、周五" (or "一三五"). */
function readPartTime(mode: string, schedule: string): { weekdays: number[] } | undefined | "invalid" {
  if (readMode(mode) !== "part_time") return undefined;
  const days = [...schedule.replace(/周|星期|礼拜/g, "")].filter((c) => !/[、,，;；\s]/.test(c));
  if (days.some((c) => !(c in WEEKDAY_WORDS))) return "invalid";
  return { weekdays: [...new Set(days.map((c) => WEEKDAY_WORDS[c]))].sort() };
}

function readRow(cells: string[], columns: Map<Field, number>, row: number): RosterRow | RowIssue {
  const get = (f: Field) => (columns.has(f) ? cells[columns.get(f)!] ?? "" : "");
  const optional = (f: Field) => get(f) || undefined;
  const supportingOrg = get("supportingOrg");
  const recipientOrg = get("recipientOrg");
  if (!supportingOrg || !recipientOrg) return { row, message: say("row.missing_orgs") };
  const range = get("start") || get("end") ? undefined : parseDurationCell(get("duration"));
  const start = range?.start ?? parseDateCell(get("start"));
  const end = range?.end ?? parseDateCell(get("end"));
  if (start === "invalid" || end === "invalid") return { row, message: say("row.bad_date", { value: `${get("start")} ${get("end")}`.trim() }) };
  if (start && end && end < start) return { row, message: say("row.end_before_start", { start, end }) };
  const mode = readMode(get("mode"));
  if (!mode) return { row, message: say("row.bad_mode", { value: get("mode") }) };
  const partTime = readPartTime(get("mode"), get("schedule"));
  if (partTime === "invalid") return { row, message: say("row.bad_schedule", { value: `${get("mode")} ${get("schedule")}`.trim() }) };
  const clinicContact = readClinicContact(get("clinicContact"));
  const targets = parseTargetSpecs(get("targets"));
  if ("bad" in targets) return { row, message: say("row.bad_target", { value: targets.bad }) };
  const planned = get("plannedDoctors");
  if (planned && !/^\d+$/.test(planned)) return { row, message: say("row.bad_planned", { value: planned }) };
  return {
    row, supportingOrg, recipientOrg,
    doctors: splitNames(get("names")),
    needs: splitNeeds(get("needs")),
    plannedDoctors: planned ? Number(planned) : undefined,
    gender: optional("gender"), title: optional("title"), department: optional("department"),
    details: Object.fromEntries(DETAILS.map((f) => [f, optional(f)]).filter(([, v]) => v !== undefined)) as PersonDetails,
    phone: optional("phone")?.replace(/[\s-]/g, ""),
    clinicPhone: optional("clinicPhone")?.replace(/[\s-]/g, "") ?? clinicContact.phone,
    start, end, durationText: range ? range.text : optional("duration"), contact: optional("contact") ?? clinicContact.contact, partTime,
    circuit: mode === "circuit" || undefined, targets: targets.targets.length > 0 ? targets.targets : undefined,
    supportingCounty: optional("supportingCounty"), recipientCounty: optional("recipientCounty"),
    wecom: optional("wecom"), dingtalk: optional("dingtalk"),
    contactWecom: optional("contactWecom"), contactDingtalk: optional("contactDingtalk"),
  };
}

function warnDoublePostings(rows: RosterRow[]): RowIssue[] {
  const seen = new Map<string, RosterRow>();
  const warnings: RowIssue[] = [];
  for (const row of rows) {
    for (const d of row.doctors) {
      const key = `${row.supportingOrg}|${d.name}`;
      const first = seen.get(key);
      if (!first) seen.set(key, row);
      else if (first.recipientOrg !== row.recipientOrg) {
        warnings.push({ row: row.row, message: say("row.double_posting", { name: d.name, first: first.recipientOrg, firstRow: first.row, second: row.recipientOrg }) });
      } else {
        warnings.push({ row: row.row, message: say("row.repeated", { name: d.name, org: row.recipientOrg, firstRow: first.row }) });
      }
    }
  }
  return warnings;
}

/** Row numbers are the spreadsheet's own (1-based, header included), as a clerk sees them. */
export function parseRoster(table: Table): ParsedRoster {
  const { index, rows: headerRows, columns } = findHeader(table);
  // A file that names neither people nor a pairing list's figures would import as nothing: said, not done.
  if (!columns.has("names") && !columns.has("plannedDoctors") && !columns.has("needs")) {
    throw new RosterFileError("no_people", table[index].filter(Boolean).join("、"));
  }
  const rows: RosterRow[] = [];
  const rejected: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  for (let i = index + headerRows; i < table.length; i++) {
    const cells = table[i];
    if (cells.every((c) => c === "")) continue;
    const parsed = readRow(cells, columns, i + 1);
    if ("message" in parsed) rejected.push(parsed);
    else rows.push(parsed);
    if (!("message" in parsed) && parsed.doctors.length > 1 && (parsed.phone || parsed.wecom || parsed.dingtalk)) {
      warnings.push({ row: i + 1, message: say("row.shared_contacts") });
    }
  }
  return { rows, rejected, warnings: [...warnings, ...warnDoublePostings(rows)] };
}
