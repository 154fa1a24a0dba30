// people add: leaders, admins and clinic contacts the rosters do not list (SPEC §2). Idempotent.
import { parseArgs } from "node:util";
import type { OrgKind, Role } from "../infra/records.js";
import type { DbClient } from "../infra/db.js";
import { linkIdentity } from "../services/people/link-identity.js";
import { addPerson } from "../services/people/add-person.js";
import { audit } from "../services/audit/audit.js";
import { createRenderer } from "../templates/render.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");
const ROLES: Role[] = ["doctor", "clinic_contact", "leader", "admin"];
const KINDS: OrgKind[] = ["supporting", "recipient", "authority"];

export async function runPeople(io: CliIo, db: DbClient, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
    name: { type: "string" }, org: { type: "string" }, role: { type: "string" }, department: { type: "string" },
    phone: { type: "string" }, wecom: { type: "string" }, dingtalk: { type: "string" }, kind: { type: "string" }, region: { type: "string" },
  } });
  if (positionals[0] === "link") return linkPerson(io, db, values);
  const role = values.role as Role;
  const kind = values.kind as OrgKind | undefined;
  if (positionals[0] !== "add" || !values.name || !values.org || !ROLES.includes(role) || (kind && !KINDS.includes(kind))) {
    return io.err(say("people.usage")), 2;
  }
  const added = await addPerson(db, { name: values.name, org: values.org, role, department: values.department, phone: values.phone, kind, region: values.region });
  if (!added) return io.err(say("people.no_org", { org: values.org })), 1;
  const { person, org } = added;
  if (values.wecom) await linkIdentity(db, "wecom", values.wecom, person.id);
  if (values.dingtalk) await linkIdentity(db, "dingtalk", values.dingtalk, person.id);
  await audit(db, "cli", "person.add", `person:${person.id}`, { role, organization: org.name });
  io.out(say("people.done", { name: person.name, org: org.name, role }));
  return 0;
}

/** people link: the admin's way to link a leader's, a bureau person's or an admin's chat account (绑定 links doctors and contacts only). */
async function linkPerson(io: CliIo, db: DbClient, v: { name?: string; org?: string; wecom?: string; dingtalk?: string }): Promise<number> {
  if (!v.name || !v.org || (!v.wecom && !v.dingtalk)) return io.err(say("people.usage")), 2;
  const person = await db.person.findFirst({ where: { name: v.name, organization: { name: v.org } }, select: { id: true } });
  if (!person) return io.err(say("people.no_person", { name: v.name, org: v.org })), 1;
  if (v.wecom) await linkIdentity(db, "wecom", v.wecom, person.id);
  if (v.dingtalk) await linkIdentity(db, "dingtalk", v.dingtalk, person.id);
  await audit(db, "cli", "person.link", `person:${person.id}`, { wecom: v.wecom ?? null, dingtalk: v.dingtalk ?? null });
  io.out(say("people.linked", { name: v.name, org: v.org, platforms: [v.wecom && say("platform.wecom"), v.dingtalk && say("platform.dingtalk")].filter(Boolean).join(say("list.sep")) }));
  return 0;
}
