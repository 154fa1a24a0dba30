// Renders the Chinese texts in templates/*.json. Code names a key and its values; the words live in
// templates/, and a reply is turned into text here, once, on its way out.
import { z } from "zod";
import { loadTemplate } from "./load.js";

export type TemplateFile = "replies" | "reminders" | "cards" | "cli" | "api" | "programme" | "audit";

/**
 * A reply as data: a template key and its values (which may themselves be replies), several replies
 * as lines of one message, or a phrase already made from templates (templates/phrases.ts).
 */
export type Reply = { file: TemplateFile; key: string; vars?: Vars } | { lines: Reply[] } | { phrase: string };
export type Vars = Record<string, string | number | Reply>;

const TemplateFileSchema = z.record(z.string(), z.string());
const loaded = new Map<TemplateFile, Record<string, string>>();

function textsOf(file: TemplateFile): Record<string, string> {
  let texts = loaded.get(file);
  if (!texts) loaded.set(file, (texts = loadTemplate(file, TemplateFileSchema)));
  return texts;
}

export function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = vars[key];
    if (value === undefined) return whole;
    return typeof value === "object" ? render(value) : String(value);
  });
}

export function render(r: Reply): string {
  if ("lines" in r) return r.lines.map(render).join("\n");
  if ("phrase" in r) return r.phrase;
  const template = textsOf(r.file)[r.key];
  if (template === undefined) throw new Error(`template ${r.file}:${r.key} is missing`);
  return fill(template, r.vars);
}

export const lines = (...parts: Reply[]): Reply => ({ lines: parts });
export const phrase = (text: string): Reply => ({ phrase: text });

/** Builds replies of one template file: `replyOf("replies")("undo.none")`. */
export const replyOf = (file: TemplateFile) => (key: string, vars?: Vars): Reply => ({ file, key, vars });

/** Renders texts of one template file at once, for text that is written out here and now (forms, CLI, logs to people). */
/** Whether a template has a text under `key` (an audit action without a sentence of its own reads generically). */
export const hasText = (file: TemplateFile, key: string): boolean => textsOf(file)[key] !== undefined;

export function createRenderer(file: TemplateFile): (key: string, vars?: Vars) => string {
  return (key, vars) => render({ file, key, vars });
}

export const reply = createRenderer("replies");
