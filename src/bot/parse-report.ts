// The report parser (SPEC §4): a pure function from what a doctor typed to the items it names and the
// exact fragments it could not read. No I/O, never throws, linear in the (capped) input.
import { ALIASES, getMetric, type Metric, type MetricKey } from "../domain/metrics.js";
import { type LocalDate } from "../infra/time.js";
import { matchDate } from "./dates.js";
import { normalize, originalSlice, type Normalized } from "./normalize.js";
import { NUMBER_PATTERN, parseNumber } from "./numerals.js";

export const MAX_REPORT_LENGTH = 500;
const MAX_QUANTITY = 1_000_000;

export type ReportItem = { metric: MetricKey; quantity: number; label?: string; date: LocalDate; fragment: string };
export type Unreadable = {
  fragment: string;
  why: "unknown" | "no_count" | "bad_count" | "bad_date" | "future_date" | "outside_posting";
};
export type ParsedReport = { items: ReportItem[]; unreadable: Unreadable[]; tooLong: boolean };
/** `today` in the programme's time zone; the posting's dates bound back-dating when known. */
export type ParseOptions = { today: LocalDate; postingStart?: LocalDate | null; postingEnd?: LocalDate | null };

const SEPARATOR = /[\s,;、。!?~|]/;
const HARD_SEPARATOR = /[\n,;、。!?|]/;
// What doctors put before the activity: a time of day and a verb (今天上午看了二十五个病人, 做了两台手术).
const FILLER_RE = /(?:今天|今日)?(?:上午|下午|中午|晚上|早上|夜里)?(?:一共|共)?(?:做了|开展了|完成了|进行了|组织了|参加了|举办了|接诊了|诊治了|看了|查了|上了|讲了|带了|完成|进行|参加|举办|组织|开展)?/y;
// Between the activity and its count: a verb said again (门诊看了30个, 手术做了3台, 会诊了两次) and +, :, 加…
const CONNECTOR = "[\\s]*(?:[看做查讲上带开出]了|了)?[\\s]*(?:[+:=]|加|共|一共|有)?[\\s]*";
const UNIT = "(?:\\s*(?:人次|万元|元|万|例|次|个半天|半天|个|项|台|场|回|人|位|名|天|节|课|期))?";
const COUNT_RE = new RegExp(`${CONNECTOR}(-)?(${NUMBER_PATTERN})${UNIT}`, "y");
const MONEY_RE = new RegExp(`${CONNECTOR}(\\d{1,9}(?:\\.\\d{1,4})?|[零〇一二两三四五六七八九十百千]{1,8})\\s*(万元|万|元)?`, "y");
// Count before the word, as voice input writes it: 3次查房, 两台手术, 25人次门诊.
const LEADING_COUNT_RE = new RegExp(`(${NUMBER_PATTERN})(?:人次|例|次|个|项|台|场|回|人|位|名|期)`, "y");
// Who or what between the activity and its count, when the count's unit says what it counts: 培训基层医务人员
// 20人次, 带教本院医生2人, 援助药品5000元. Only people for the metrics counted in people, money for援助.
const PEOPLE_OBJECT_RE = new RegExp(`[\\u4e00-\\u9fff]{1,8}?(?=(${NUMBER_PATTERN})(?:人次|人|名|位))`, "y");
const MONEY_OBJECT_RE = new RegExp(`[\\u4e00-\\u9fff]{1,8}?(?=(\\d{1,9}(?:\\.\\d{1,4})?|[零〇一二两三四五六七八九十百千]{1,8})\\s*(?:万元|万|元))`, "y");
// A numbered list's marks (1. 2、 at a line's or item's start; (3) and ① anywhere) are not part of an item.
const LIST_MARK_RE = /\d{1,2}[.、)](?!\d)/y;
const BRACKET_MARK_RE = /\(\d{1,2}\)/y;
// A verb split around its count, as people say it: 查了3次房, 讲了一次课, 上了两节课.
const SPLIT_VERBS: { re: RegExp; metric: MetricKey }[] = [
  { re: new RegExp(`查了?(${NUMBER_PATTERN})(?:次|遍|回)房`, "y"), metric: "rounds" },
  { re: new RegExp(`(?:讲|上)了?(${NUMBER_PATTERN})(?:次|节|堂)课`, "y"), metric: "lectures" },
];

type Step = { end: number; item?: Omit<ReportItem, "date" | "fragment">; problem?: Unreadable["why"] };

export function matchAlias(text: string, pos: number): { metric: Metric; end: number } | undefined {
  for (const { alias, metric } of ALIASES) {
    if (text.startsWith(alias, pos) && !continuesWord(alias, text, pos + alias.length)) {
      return { metric, end: pos + alias.length };
    }
  }
  return undefined;
}

// 'round' must not match the start of 'rounding'; Chinese aliases need no such guard.
function continuesWord(alias: string, text: string, end: number): boolean {
  return /[a-z_]$/.test(alias) && /[a-z_]/.test(text[end] ?? "");
}

function sticky(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function readMoney(text: string, pos: number): { quantity?: number; end: number } {
  const m = sticky(MONEY_RE, text, pos);
  if (!m) return { end: pos };
  const value = parseNumber(m[1]);
  if (value === undefined) return { end: pos };
  return { quantity: m[2] === "元" ? value / 10000 : value, end: pos + m[0].length };
}

function readCount(text: string, pos: number): { quantity?: number; negative?: boolean; end: number } {
  const m = sticky(COUNT_RE, text, pos);
  if (!m) return { end: pos };
  return { quantity: parseNumber(m[2]), negative: m[1] === "-", end: pos + m[0].length };
}

/** The name after a 特色科室/适宜技术 count, or the free text of 其它. */
function readLabel(text: string, pos: number, metric: Metric, today: LocalDate): { label?: string; end: number } {
  let start = pos;
  while (text[start] === " " || text[start] === ":") start++;
  let end = start;
  const stop = metric.freeText ? HARD_SEPARATOR : SEPARATOR;
  while (end < text.length && !stop.test(text[end])) {
    // 其它's free text runs on until a space before an activity: 其它 组织义诊一次 is one item.
    const boundary = !metric.freeText || /\s/.test(text[end - 1]);
    if (end > start && boundary && (matchAlias(text, end) || matchDate(text, end, today))) break;
    end++;
  }
  if (end === start || matchAlias(text, start)) return { end: pos };
  return { label: text.slice(start, end).trim(), end };
}

function isWholeCount(metric: Metric, quantity: number): boolean {
  return metric.money ? quantity > 0 : Number.isInteger(quantity) && quantity > 0;
}

const PEOPLE_UNITS = new Set(["人", "人次"]);

/** Where the count starts after what the activity was done for or with, when there is such a phrase. */
function afterObject(text: string, pos: number, metric: Metric): number {
  const re = metric.money ? MONEY_OBJECT_RE : PEOPLE_UNITS.has(metric.unit) ? PEOPLE_OBJECT_RE : undefined;
  const m = re && sticky(re, text, pos);
  return m && !matchAlias(text, pos) ? pos + m[0].length : pos;
}

function readItemAfterAlias(text: string, alias: number, metric: Metric, today: LocalDate): Step {
  const direct = metric.money ? readMoney(text, alias) : readCount(text, alias);
  const pos = direct.quantity === undefined ? afterObject(text, alias, metric) : alias;
  const counted = pos === alias ? direct : metric.money ? readMoney(text, pos) : readCount(text, pos);
  if (counted.quantity === undefined) {
    if (!metric.named) return { end: pos, problem: "no_count" };
    const named = readLabel(text, pos, metric, today);
    return named.label ? { end: named.end, item: { metric: metric.key, quantity: 1, label: named.label } } : { end: pos, problem: "no_count" };
  }
  const negative = "negative" in counted && counted.negative;
  if (negative || !isWholeCount(metric, counted.quantity) || counted.quantity > MAX_QUANTITY) {
    return { end: counted.end, problem: "bad_count" };
  }
  const end = sameNounAfter(text, counted.end, metric);
  const named = metric.named ? readLabel(text, end, metric, today) : { end };
  return { end: named.end, item: { metric: metric.key, quantity: counted.quantity, label: named.label } };
}

/** 门诊看了30个病人: the noun after the count names the same activity again and belongs to this item. */
function sameNounAfter(text: string, pos: number, metric: Metric): number {
  const noun = matchAlias(text, pos);
  if (!noun || noun.metric.key !== metric.key || sticky(COUNT_RE, text, noun.end)?.[2]) return pos;
  return noun.end;
}

function readSplitVerb(text: string, pos: number): Step | undefined {
  for (const { re, metric } of SPLIT_VERBS) {
    const m = sticky(re, text, pos);
    const quantity = m ? parseNumber(m[1]) : undefined;
    if (m && quantity !== undefined) {
      const ok = isWholeCount(getMetric(metric), quantity) && quantity <= MAX_QUANTITY;
      return ok ? { end: pos + m[0].length, item: { metric, quantity } } : { end: pos + m[0].length, problem: "bad_count" };
    }
  }
  return undefined;
}

function readItem(text: string, pos: number, today: LocalDate): Step | undefined {
  // The activity's own word first (看诊 is not 看 + 诊), then after a time of day and a verb.
  const direct = matchAlias(text, pos);
  if (direct) return readItemAfterAlias(text, direct.end, direct.metric, today);
  const split = readSplitVerb(text, pos);
  if (split) return split;
  const filler = sticky(FILLER_RE, text, pos);
  const start = filler ? pos + filler[0].length : pos;
  const alias = matchAlias(text, start);
  if (alias) return readItemAfterAlias(text, alias.end, alias.metric, today);
  const lead = sticky(LEADING_COUNT_RE, text, start);
  const after = lead && matchAlias(text, start + lead[0].length);
  if (!lead || !after || after.metric.money) return undefined;
  const quantity = parseNumber(lead[1]);
  if (quantity === undefined || !isWholeCount(after.metric, quantity) || quantity > MAX_QUANTITY) {
    return { end: after.end, problem: "bad_count" };
  }
  const named = after.metric.named ? readLabel(text, after.end, after.metric, today) : { end: after.end };
  return { end: named.end, item: { metric: after.metric.key, quantity, label: named.label } };
}

/** Skips to where something readable starts again, so one typo does not swallow the rest. */
function skipUnknown(text: string, pos: number, today: LocalDate): number {
  let end = pos + 1;
  while (end < text.length && !SEPARATOR.test(text[end])) {
    if (readItem(text, end, today)?.item || matchDate(text, end, today)) break;
    end++;
  }
  return end;
}

type Dated = ReportItem & { dateFragment?: string };

function scan(n: Normalized, today: LocalDate): { items: Dated[]; unreadable: Unreadable[] } {
  const { text } = n;
  const items: Dated[] = [];
  const unreadable: Unreadable[] = [];
  let date = today;
  let dateFragment: string | undefined;
  let pos = 0;
  while (pos < text.length) {
    if (SEPARATOR.test(text[pos])) { pos++; continue; }
    const mark = sticky(BRACKET_MARK_RE, text, pos) ?? ((pos === 0 || SEPARATOR.test(text[pos - 1])) && sticky(LIST_MARK_RE, text, pos));
    if (mark) { pos += mark[0].length; continue; }
    const day = matchDate(text, pos, today);
    if (day) {
      if ("invalid" in day) unreadable.push({ fragment: originalSlice(n, pos, day.end), why: "bad_date" });
      else [date, dateFragment] = [day.date, originalSlice(n, pos, day.end)];
      pos = day.end;
      continue;
    }
    const step = readItem(text, pos, today);
    if (step?.item) items.push({ ...step.item, date, dateFragment, fragment: originalSlice(n, pos, step.end) });
    else {
      const end = step && step.end > pos ? step.end : skipUnknown(text, pos, today);
      unreadable.push({ fragment: originalSlice(n, pos, end), why: step?.problem ?? "unknown" });
      pos = end;
      continue;
    }
    pos = step.end;
  }
  return { items, unreadable };
}

/** Why a day cannot carry a report: in the future, or outside the posting. */
export function dateProblem(date: LocalDate, o: ParseOptions): Unreadable["why"] | undefined {
  if (date > o.today) return "future_date";
  if ((o.postingStart && date < o.postingStart) || (o.postingEnd && date > o.postingEnd)) return "outside_posting";
  return undefined;
}

/** Items dated in the future or outside the posting are not recorded; their day word is quoted back. */
function checkDates(scanned: { items: Dated[]; unreadable: Unreadable[] }, o: ParseOptions): ParsedReport {
  const items: ReportItem[] = [];
  const unreadable = [...scanned.unreadable];
  for (const { dateFragment, ...item } of scanned.items) {
    const why = dateProblem(item.date, o);
    if (!why) items.push(item);
    else if (!unreadable.some((u) => u.why === why && u.fragment === (dateFragment ?? item.date))) {
      unreadable.push({ fragment: dateFragment ?? item.date, why });
    }
  }
  return { items, unreadable, tooLong: false };
}

export function parseReport(input: string, options: ParseOptions): ParsedReport {
  if (input.length > MAX_REPORT_LENGTH) return { items: [], unreadable: [], tooLong: true };
  return checkDates(scan(normalize(input), options.today), options);
}
