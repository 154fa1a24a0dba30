// Renders the Chinese texts in templates/*.json. Code names a key; the words live in templates/.
import { readFileSync } from "node:fs";
import { z } from "zod";

const TemplateFileSchema = z.record(z.string(), z.string());

export function loadTemplates(name: string): Record<string, string> {
  const file = new URL(`../templates/${name}.json`, import.meta.url);
  return TemplateFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

export function createRenderer(name: string): (key: string, vars?: Record<string, string | number>) => string {
  const texts = loadTemplates(name);
  return (key, vars) => {
    const template = texts[key];
    if (template === undefined) throw new Error(`template ${name}:${key} is missing`);
    return fill(template, vars);
  };
}

export const reply = createRenderer("replies");
