// The one loader of templates/*.json: every word a person reads, and the tables they are made from
// (metrics, forms, holidays, DingTalk card ids), read once and checked with zod at start.
import { readFileSync } from "node:fs";
import type { z } from "zod";

export function loadTemplate<T extends z.ZodType>(name: string, schema: T): z.infer<T> {
  const file = new URL(`../../templates/${name}.json`, import.meta.url);
  return schema.parse(JSON.parse(readFileSync(file, "utf8")));
}
