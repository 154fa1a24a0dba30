// The dedupe id of a card tap, on either platform: the card, the button and who tapped it, plus a digest
// of what was filled in. The same submission sent twice (a platform retry, a double tap) counts once,
// while a form corrected after a refusal (a count too high, a typo) is a new message and is heard.
import { createHash } from "node:crypto";
import type { CardTap } from "../cards/card.js";

export function tapMessageId(tap: CardTap, userId: string): string {
  const values = tap.selections.length === 0 ? "" : `:${createHash("sha256").update(JSON.stringify(tap.selections)).digest("hex").slice(0, 12)}`;
  return `card:${tap.taskId}:${tap.key}:${userId}${values}`;
}
