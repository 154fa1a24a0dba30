// One free-text field over its bound (domain/text-limits.ts): the refusal that names the field, the
// bound and the length, or undefined when it fits.
import { charCount } from "../domain/text-limits.js";
import { replyOf } from "../templates/render.js";
import { reject, type CommandResult } from "./context.js";

const say = replyOf("replies");

export function tooLong(field: string, text: string, max: number): CommandResult | undefined {
  const count = charCount(text);
  return count > max ? reject("too_long", say("field_too_long", { field: say(`field.${field}`), max, count })) : undefined;
}
