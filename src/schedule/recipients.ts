// A reminder never goes silently to nobody: when the people it is for are not registered (a hospital
// with no leader), the bureau's admins get it, with the reason.
import { findBureauPeople } from "../services/people/find-bureau-people.js";
import type { Recipient } from "../services/people/find-leaders.js";
import { createRenderer } from "../templates/render.js";
import type { JobContext } from "./job.js";

const say = createRenderer("reminders");

/**
 * The people to tell and the text each gets: `people`, or else the admins with why it came to them
 * (`instead`, which `jobs run --dry-run` shows).
 */
export async function orAdmins(ctx: JobContext, people: Recipient[], text: string, missing: { org: string; role: string }): Promise<{ to: Recipient[]; text: string; instead?: string }> {
  if (people.length > 0) return { to: people, text };
  const admins = await findBureauPeople(ctx.deps.db, { adminsOnly: true });
  const vars = { org: missing.org, role: say(`no_recipient.${missing.role}`) };
  return { to: admins, text: say("no_recipient", { ...vars, text }), instead: say("no_recipient.instead", vars) };
}
