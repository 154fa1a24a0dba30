// WeCom's XML is flat and small. A strict reader of exactly that shape: no DTD, no entities beyond the
// five predefined ones and numeric references, bounded size; anything else is refused rather than
// interpreted. It runs on unauthenticated bodies (the envelope is read before its signature can be
// checked), so it is one forward scan with indexOf and no backtracking regular expression: every
// character is looked at a bounded number of times, and a malformed body is refused where it breaks.
import { AppError } from "../../errors.js";

export const MAX_XML_BYTES = 64 * 1024;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const CDATA_OPEN = "<![CDATA[";
const CDATA_CLOSE = "]]>";
const NAME = /^[A-Za-z][\w]{0,63}$/;
/** WeCom's envelope has three elements and its messages about fifteen; more is not WeCom. */
const MAX_ELEMENTS = 64;
/** References decoded in one value: a 2,048-byte message of nothing but them has under 700. */
const MAX_REFERENCES = 1000;

const refuse = (why: string): never => {
  throw new AppError("bad_payload", why);
};

const NAMED = Object.entries(ENTITIES).map(([name, char]) => [`${name};`, char] as const);

/** The reference at text[at] (just after "&"): [its text, its length], or undefined when it is not one. */
function reference(text: string, at: number): [string, number] | undefined {
  for (const [name, char] of NAMED) if (text.startsWith(name, at)) return [char, name.length];
  if (text.charCodeAt(at) !== 35 /* # */) return undefined;
  const hex = text.charCodeAt(at + 1) === 120 || text.charCodeAt(at + 1) === 88; // x X
  let code = 0;
  let i = at + (hex ? 2 : 1);
  const digitsFrom = i;
  for (; i < text.length && i - digitsFrom < (hex ? 6 : 7); i++) {
    const c = text.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : hex && (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1;
    if (d < 0) break;
    code = code * (hex ? 16 : 10) + d;
  }
  if (i === digitsFrom || text.charCodeAt(i) !== 59 /* ; */) return undefined;
  return [code <= 0x10ffff ? String.fromCodePoint(code) : refuse("character reference out of range"), i + 1 - at];
}

/** Entities decoded in one forward pass by character codes (a regular expression's replace cost 2.5 ms for a 64 KB body of them). */
function unescape(text: string): string {
  let amp = text.indexOf("&");
  if (amp < 0) return text;
  let out = "";
  let from = 0;
  let count = 0;
  while (amp >= 0) {
    // WeCom wraps text in CDATA and its Encrypt is base64: thousands of references are not WeCom.
    if (++count > MAX_REFERENCES) refuse("too many character references");
    const ref = reference(text, amp + 1);
    if (ref) {
      out += text.slice(from, amp) + ref[0];
      from = amp + 1 + ref[1];
    }
    amp = text.indexOf("&", amp + 1);
  }
  return out + text.slice(from);
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** True when body[from, to) is only whitespace: checked in place, without a slice per gap. */
function blank(body: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(body.charCodeAt(i))) return false;
  return true;
}

/** An element's text, trimmed: a CDATA section as written (nothing around it), or text with its entities decoded. */
function valueOf(body: string, from: number, to: number): string {
  while (from < to && isSpace(body.charCodeAt(from))) from++;
  while (to > from && isSpace(body.charCodeAt(to - 1))) to--;
  if (!body.startsWith(CDATA_OPEN, from)) return unescape(body.slice(from, to));
  const end = body.indexOf(CDATA_CLOSE, from + CDATA_OPEN.length);
  if (end !== to - CDATA_CLOSE.length) refuse("text around a CDATA section");
  return body.slice(from + CDATA_OPEN.length, end);
}

/**
 * Calls `visit(name, from, to)` for each child element of `body`, in order, with its content's span. One
 * forward scan, reading positions rather than slicing (on the acknowledgement's path the slices were
 * half the reader's cost): the next CDATA section is looked for once and remembered, so many small
 * elements do not each scan the rest of the body.
 */
function eachChild(body: string, visit: (name: string, from: number, to: number) => void): void {
  let at = 0;
  let elements = 0;
  let cdata = -1; // where the next CDATA section opens at or after `at`; -1: not looked for yet
  for (;;) {
    const open = body.indexOf("<", at);
    if (!blank(body, at, open < 0 ? body.length : open)) refuse("text outside an element");
    if (open < 0) return;
    const close = body.indexOf(">", open);
    if (close < 0) refuse("unclosed tag");
    const name = body.slice(open + 1, close);
    if (!NAME.test(name)) refuse("unexpected markup");
    if (++elements > MAX_ELEMENTS) refuse("too many elements");
    const closing = `</${name}>`;
    // Both searches only move forward: the closing tag is looked for again only when the one found lay
    // inside a CDATA section, so a run of sections before a far closing tag is read once (it was
    // quadratic when the closing tag was searched for after every section).
    let from = close + 1;
    let end = body.indexOf(closing, from);
    for (;;) {
      if (end < 0) refuse(`<${name}> is not closed`);
      if (cdata < from) cdata = body.indexOf(CDATA_OPEN, from);
      if (cdata < 0) cdata = Infinity; // none left: never looked for again
      if (cdata >= end) break;
      const cdataEnd = body.indexOf(CDATA_CLOSE, cdata + CDATA_OPEN.length);
      if (cdataEnd < 0) refuse("unclosed CDATA section");
      from = cdataEnd + CDATA_CLOSE.length;
      if (end < from) end = body.indexOf(closing, from);
    }
    visit(name, close + 1, end);
    at = end + closing.length;
  }
}

/** The child elements of `body`, in order, as [name, inner text]; inner text is raw (nested XML stays XML). */
export function childElements(body: string): [string, string][] {
  const out: [string, string][] = [];
  eachChild(body, (name, from, to) => out.push([name, body.slice(from, to)]));
  return out;
}

export type XmlFields = Record<string, string>;

/** The span inside `<xml>…</xml>`, after an optional XML declaration and around whitespace. */
function rootSpan(text: string): [number, number] {
  let from = 0;
  let to = text.length;
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  if (text.startsWith("<?xml", from)) {
    const end = text.indexOf("?>", from);
    if (end < 0) refuse("unclosed XML declaration");
    from = end + 2;
    while (from < to && isSpace(text.charCodeAt(from))) from++;
  }
  if (!text.startsWith("<xml>", from) || to - from < "<xml></xml>".length || !text.endsWith("</xml>", to)) refuse("not a WeCom XML document");
  return [from + "<xml>".length, to - "</xml>".length];
}

/** Whether an element's content is nested XML (kept raw for its own reader) rather than text or CDATA. */
function nested(body: string, from: number, to: number): boolean {
  while (from < to && isSpace(body.charCodeAt(from))) from++;
  return body.charCodeAt(from) === 60 /* < */ && !body.startsWith(CDATA_OPEN, from);
}

/**
 * The top-level fields of <xml>…</xml>; nested elements are returned raw for their own reader. `only`:
 * decode just these fields (the rest are checked for shape and skipped). Before the signature is checked
 * only the envelope's Encrypt is needed, so a body of other elements full of entities costs no decoding.
 */
export function readXml(text: string, only?: readonly string[]): XmlFields {
  // UTF-8 takes at most three bytes per UTF-16 unit, so only a long text needs counting.
  if (text.length * 3 > MAX_XML_BYTES && Buffer.byteLength(text) > MAX_XML_BYTES) throw new AppError("payload_too_large", "XML too large");
  if (text.includes("<!DOCTYPE") || text.includes("<!ENTITY")) refuse("DTD and entities are not accepted");
  const [from, to] = rootSpan(text);
  const body = text.slice(from, to);
  const fields: XmlFields = {};
  eachChild(body, (name, start, end) => {
    if (only && !only.includes(name)) return;
    fields[name] = nested(body, start, end) ? body.slice(start, end) : valueOf(body, start, end);
  });
  return fields;
}

const textOf = (raw: string) => valueOf(raw, 0, raw.length);

/** SelectedItems of a card event; WeCom's samples spell OptionIds both ways (PROTOCOLS §1.9). */
export function readSelectedItems(raw: string | undefined): { questionKey: string; optionIds: string[] }[] {
  if (!raw) return [];
  return childElements(raw).filter(([name]) => name === "SelectedItem").map(([, item]) => {
    const parts = Object.fromEntries(childElements(item));
    const ids = parts.OptionIds ?? parts.OpitonIds ?? "";
    return {
      questionKey: textOf(parts.QuestionKey ?? ""),
      optionIds: childElements(ids).filter(([n]) => n === "OptionId" || n === "OpitonId").map(([, v]) => textOf(v)),
    };
  });
}
