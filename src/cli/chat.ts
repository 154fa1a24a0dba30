// The console channel: the same pipeline as WeCom and DingTalk, from a terminal or a pipe.
import { randomUUID } from "node:crypto";
import type { BotDeps } from "../bot/context.js";
import { decideMessage } from "../bot/pipeline.js";
import { findPeople } from "../services/people/find-people.js";
import { joinList } from "../templates/phrases.js";
import { linkIdentity } from "../services/people/link-identity.js";
import { createRenderer } from "../templates/render.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");

export async function runChat(io: CliIo, deps: BotDeps, who: string | undefined): Promise<number> {
  if (!who) return io.err(say("chat.who")), 2;
  const matches = await findPeople(deps.db, { nameOrPhone: who });
  if (matches.length === 0) return io.err(say("chat.not_found", { who })), 1;
  if (matches.length > 1) return io.err(say("chat.ambiguous", { who, list: joinList(matches.map((m) => m.organizationName)) })), 1;
  const person = matches[0];
  // The console account of a person is their id: the same ledger as their WeCom/DingTalk accounts.
  const senderId = `person:${person.id}`;
  await linkIdentity(deps.db, "console", senderId, person.id);
  if (io.interactive) io.out(say("chat.hello", { name: person.name, org: person.organizationName }));
  for (let line = await io.nextLine(); line !== undefined; line = await io.nextLine()) {
    if (line.trim() === "") continue;
    const result = await decideMessage(deps, { platform: "console", msgId: randomUUID(), senderId, text: line, receivedAt: new Date() });
    for (const text of [...result.replies, ...(result.cards ?? []).map((c) => c.fallback)]) io.out(text);
  }
  return 0;
}
