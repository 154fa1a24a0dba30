// login-link --as <姓名|手机号|admin>: a one-time console sign-in link, as 后台 in chat answers (the first
// admin's way in, and the tests'). Audited: a link is a key.
import type { Db } from "../infra/db.js";
import { audit } from "../services/audit/audit.js";
import { createLoginLink, LINK_MINUTES } from "../services/sessions/create-login-link.js";
import { findPeople } from "../services/people/find-people.js";
import { createRenderer } from "../templates/render.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");

export async function runLoginLink(io: CliIo, db: Db, publicUrl: string, as: string | undefined): Promise<number> {
  if (!as) return io.err(say("login_link.usage")), 2;
  const now = new Date();
  let token: string;
  if (as === "admin") token = await createLoginLink(db, { admin: true, now });
  else {
    const people = await findPeople(db, { nameOrPhone: as });
    if (people.length !== 1) return io.err(say(people.length === 0 ? "login_link.nobody" : "login_link.ambiguous", { as, count: people.length })), 1;
    token = await createLoginLink(db, { personId: people[0].id, now });
  }
  await audit(db, "cli", "console.link", as === "admin" ? "admin" : `person:${as}`);
  io.out(say("login_link.created", { minutes: LINK_MINUTES, url: `${publicUrl}/console/login?t=${token}` }));
  return 0;
}
