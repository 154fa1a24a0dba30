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

const refuse = (why: string): never => {
  throw new AppError("bad_payload", why);
};

function unescape(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (_, e: string) => {
    if (e[0] !== "#") return ENTITIES[e.toLowerCase()];
    const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : refuse("character reference out of range");
  });
}

function valueOf(raw: string): string {
  const text = raw.trim();
  if (!text.startsWith(CDATA_OPEN)) return unescape(text);
  const end = text.indexOf(CDATA_CLOSE, CDATA_OPEN.length);
  if (end !== text.length - CDATA_CLOSE.length) refuse("text around a CDATA section");
  return text.slice(CDATA_OPEN.length, end);
}

/** The child elements of `body`, in order, as [name, inner text]; inner text is raw (nested XML stays XML). */
export function childElements(body: string): [string, string][] {
  const out: [string, string][] = [];
  let at = 0;
  for (;;) {
    const open = body.indexOf("<", at);
    if (open < 0) {
      if (body.slice(at).trim()) refuse("text outside an element");
      return out;
    }
    if (body.slice(at, open).trim()) refuse("text outside an element");
    const close = body.indexOf(">", open);
    if (close < 0) refuse("unclosed tag");
    const name = body.slice(open + 1, close);
    if (!NAME.test(name)) refuse("unexpected markup");
    const end = endOf(body, name, close + 1);
    if (out.push([name, body.slice(close + 1, end)]) > MAX_ELEMENTS) refuse("too many elements");
    at = end + name.length + 3;
  }
}

/** Where `</name>` closes the element whose content starts at `from`, skipping CDATA sections. */
function endOf(body: string, name: string, from: number): number {
  const closing = `</${name}>`;
  let at = from;
  for (;;) {
    const end = body.indexOf(closing, at);
    if (end < 0) refuse(`<${name}> is not closed`);
    // Looked for only inside this element's span, so many small elements do not each scan the whole body.
    const inSpan = body.slice(at, end).indexOf(CDATA_OPEN);
    if (inSpan < 0) return end;
    const cdata = at + inSpan;
    const cdataEnd = body.indexOf(CDATA_CLOSE, cdata + CDATA_OPEN.length);
    if (cdataEnd < 0) refuse("unclosed CDATA section");
    at = cdataEnd + CDATA_CLOSE.length;
  }
}

export type XmlFields = Record<string, string>;

function rootBody(text: string): string {
  let body = text.trim();
  if (body.startsWith("<?xml")) {
    const end = body.indexOf("?>");
    if (end < 0) refuse("unclosed XML declaration");
    body = body.slice(end + 2).trimStart();
  }
  if (!body.startsWith("<xml>") || !body.endsWith("</xml>")) refuse("not a WeCom XML document");
  return body.slice("<xml>".length, body.length - "</xml>".length);
}

/** The top-level fields of <xml>…</xml>; nested elements are returned raw for their own reader. */
export function readXml(text: string): XmlFields {
  if (Buffer.byteLength(text) > MAX_XML_BYTES) throw new AppError("payload_too_large", "XML too large");
  if (text.includes("<!DOCTYPE") || text.includes("<!ENTITY")) refuse("DTD and entities are not accepted");
  const fields: XmlFields = {};
  for (const [name, inner] of childElements(rootBody(text))) {
    fields[name] = inner.trimStart().startsWith("<") && !inner.trimStart().startsWith(CDATA_OPEN) ? inner : valueOf(inner);
  }
  return fields;
}

/** SelectedItems of a card event; WeCom's samples spell OptionIds both ways (PROTOCOLS §1.9). */
export function readSelectedItems(raw: string | undefined): { questionKey: string; optionIds: string[] }[] {
  if (!raw) return [];
  return childElements(raw).filter(([name]) => name === "SelectedItem").map(([, item]) => {
    const parts = Object.fromEntries(childElements(item));
    const ids = parts.OptionIds ?? parts.OpitonIds ?? "";
    return {
      questionKey: valueOf(parts.QuestionKey ?? ""),
      optionIds: childElements(ids).filter(([n]) => n === "OptionId" || n === "OpitonId").map(([, v]) => valueOf(v)),
    };
  });
}
