// WeCom's XML is flat and small. A strict reader of exactly that shape: no DTD, no entities beyond the
// five predefined ones, bounded size; anything else is refused rather than interpreted.
import { AppError } from "../../errors.js";

export const MAX_XML_BYTES = 64 * 1024;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (_, e: string) => {
    if (e[0] !== "#") return ENTITIES[e.toLowerCase()];
    const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

function valueOf(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  return cdata ? cdata[1] : unescape(raw.trim());
}

export type XmlFields = Record<string, string>;

/** The top-level fields of <xml>…</xml>; nested elements are returned raw for their own reader. */
export function readXml(text: string): XmlFields {
  if (Buffer.byteLength(text) > MAX_XML_BYTES) throw new AppError("payload_too_large", "XML too large");
  if (/<!DOCTYPE|<!ENTITY|<\?xml-stylesheet/i.test(text)) throw new AppError("bad_payload", "DTD and entities are not accepted");
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(text);
  if (!root) throw new AppError("bad_payload", "not a WeCom XML document");
  const fields: XmlFields = {};
  const element = /<([A-Za-z][\w]*)>([\s\S]*?)<\/\1>/g;
  for (let m = element.exec(root[1]); m; m = element.exec(root[1])) fields[m[1]] = /^\s*<[A-Za-z]/.test(m[2]) ? m[2] : valueOf(m[2]);
  return fields;
}

/** SelectedItems of a card event; WeCom's samples spell OptionIds both ways (PROTOCOLS §1.9). */
export function readSelectedItems(raw: string | undefined): { questionKey: string; optionIds: string[] }[] {
  if (!raw) return [];
  return [...raw.matchAll(/<SelectedItem>([\s\S]*?)<\/SelectedItem>/g)].map(([, item]) => ({
    questionKey: valueOf(/<QuestionKey>([\s\S]*?)<\/QuestionKey>/.exec(item)?.[1] ?? ""),
    optionIds: [...item.matchAll(/<(?:OptionId|OpitonId)>([\s\S]*?)<\/(?:OptionId|OpitonId)>/g)].map((m) => valueOf(m[1])),
  }));
}
