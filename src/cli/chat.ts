// The console channel: the same pipeline as WeCom and DingTalk, from a terminal or a pipe.
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { BotDeps } from "../bot/context.js";
import { decideMessage } from "../bot/pipeline.js";
import { findPeople } from "../services/find-people.js";
import { joinList } from "../templates/phrases.js";
import { linkIdentity } from "../services/link-identity.js";
import { createRenderer } from "../templates/render.js";

const say = createRenderer("cli");

export async function runChat(deps: BotDeps, who: string | undefined): Promise<number> {
  if (!who) return console.error(say("chat.who")), 2;
  const matches = await findPeople(deps.db, { nameOrPhone: who });
  if (matches.length === 0) return console.error(say("chat.not_found", { who })), 1;
  if (matches.length > 1) return console.error(say("chat.ambiguous", { who, list: joinList(matches.map((m) => m.organizationName)) })), 1;
  const person = matches[0];
  // The console account of a person is their id: the same ledger as their WeCom/DingTalk accounts.
  const senderId = `person:${person.id}`;
  await linkIdentity(deps.db, "console", senderId, person.id);
  const interactive = process.stdin.isTTY === true;
  if (interactive) console.log(say("chat.hello", { name: person.name, org: person.organizationName }));
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive, historySize: 100 });
  if (interactive) rl.setPrompt("> "), rl.prompt();
  for await (const line of rl) {
    if (line.trim() !== "") {
      const result = await decideMessage(deps, { platform: "console", msgId: randomUUID(), senderId, text: line, receivedAt: new Date() });
      for (const text of [...result.replies, ...(result.cards ?? []).map((c) => c.fallback)]) console.log(text);
    }
    if (interactive) rl.prompt();
  }
  return 0;
}
