// What a roster file may touch, decided before anything of it is written (issue 26): every organisation
// and person a row names, found or new, and every chat account it links. A roster creates and updates
// doctors and clinic contacts only. It never re-roles or re-links a leader, bureau person or admin (not
// even for the admin: they are linked by `people link` or WeCom's sign-in), and a bureau touches nothing
// that takes part in another region's programme. A row that breaks this is refused, naming it.
import type { Db } from "../../infra/db.js";
import type { Platform, Role } from "../../generated/prisma/client.js";
import type { RosterRow, RowIssue } from "../../roster/parse-roster.js";
import { createRenderer } from "../../templates/render.js";
import { governsRegion, type Actor } from "./actor.js";

const say = createRenderer("cli");
const ROSTER_ROLES: Role[] = ["doctor", "clinic_contact"];

type Org = { id: number; name: string; kind: string; region: string | null };
type Named = { row: number; org: string; kind: "supporting" | "recipient"; people: { name: string; role: "doctor" | "clinic_contact" }[]; accounts: { platform: Platform; account: string; person: string }[] };

function namedBy(r: RosterRow): Named[] {
  const single = r.doctors.length === 1 ? r.doctors[0].name : undefined;
  const accounts = (person: string | undefined, pairs: [Platform, string | undefined][]) =>
    person ? pairs.filter((p): p is [Platform, string] => !!p[1]).map(([platform, account]) => ({ platform, account, person })) : [];
  return [
    { row: r.row, org: r.supportingOrg, kind: "supporting", people: r.doctors.map((d) => ({ name: d.name, role: "doctor" as const })), accounts: accounts(single, [["wecom", r.wecom], ["dingtalk", r.dingtalk]]) },
    { row: r.row, org: r.recipientOrg, kind: "recipient", people: r.contact ? [{ name: r.contact, role: "clinic_contact" }] : [], accounts: accounts(r.contact, [["wecom", r.contactWecom], ["dingtalk", r.contactDingtalk]]) },
  ];
}

/** Organisations that take part in a programme the actor does not govern (by their pairings, or their own region). */
async function foreignOrgs(db: Db, actor: Actor, orgs: Org[]): Promise<Set<number>> {
  if (actor.admin || orgs.length === 0) return new Set();
  const ids = orgs.map((o) => o.id);
  const pairings = await db.pairing.findMany({
    where: { OR: [{ supportingOrgId: { in: ids } }, { recipientOrgId: { in: ids } }] },
    select: { supportingOrgId: true, recipientOrgId: true, programme: { select: { region: true } } },
  });
  const foreign = new Set(orgs.filter((o) => o.region !== null && !governsRegion(actor, o.region)).map((o) => o.id));
  for (const p of pairings) {
    if (!governsRegion(actor, p.programme.region)) foreign.add(p.supportingOrgId).add(p.recipientOrgId);
  }
  return foreign;
}

export async function checkRosterAccess(db: Db, actor: Actor, rows: RosterRow[]): Promise<RowIssue[]> {
  const named = rows.flatMap(namedBy);
  const orgs = new Map((await db.organization.findMany({ where: { name: { in: [...new Set(named.map((n) => n.org))] } }, select: { id: true, name: true, kind: true, region: true } })).map((o) => [o.name, o]));
  const foreign = await foreignOrgs(db, actor, [...orgs.values()]);
  const people = await db.person.findMany({
    where: { organizationId: { in: [...orgs.values()].map((o) => o.id) }, name: { in: [...new Set(named.flatMap((n) => n.people.map((p) => p.name)))] } },
    select: { id: true, name: true, role: true, organizationId: true },
  });
  const personAt = (orgId: number | undefined, name: string) => people.find((p) => p.organizationId === orgId && p.name === name);
  const identities = await db.chatIdentity.findMany({
    where: { externalUserId: { in: named.flatMap((n) => n.accounts.map((a) => a.account)) } },
    select: { platform: true, externalUserId: true, person: { select: { id: true, name: true, role: true, organizationId: true, organization: { select: { name: true } } } } },
  });
  const refused: RowIssue[] = [];
  const refuse = (row: number, key: string, values: Record<string, string>) => refused.push({ row, message: say(key, values) });
  for (const n of named) {
    const org = orgs.get(n.org);
    if (org && org.kind !== n.kind) refuse(n.row, "row.org_kind", { org: n.org, kind: say(`org_kind.${org.kind}`), wanted: say(`org_kind.${n.kind}`) });
    else if (org && foreign.has(org.id)) refuse(n.row, "row.org_outside", { org: n.org });
    for (const p of n.people) {
      const found = personAt(org?.id, p.name);
      if (found && found.role !== p.role) refuse(n.row, "row.person_role", { name: p.name, org: n.org, role: say(`role.${found.role}`) });
    }
    for (const a of n.accounts) {
      const holder = identities.find((i) => i.platform === a.platform && i.externalUserId === a.account)?.person;
      const target = personAt(org?.id, a.person);
      if (!holder || holder.id === target?.id) continue;
      const untouchable = !ROSTER_ROLES.includes(holder.role) || foreign.has(holder.organizationId) || (!actor.admin && !orgs.has(holder.organization.name) && !(await mayTouchOrg(db, actor, holder.organizationId)));
      if (untouchable) refuse(n.row, "row.account_taken", { account: a.account, name: holder.name, org: holder.organization.name, role: say(`role.${holder.role}`) });
    }
  }
  return refused.sort((a, b) => a.row - b.row);
}

/**
 * Whether the actor may change an organisation (one the file does not name, whose person holds an account
 * it would move; or its 所在区县 through the API): the admin, or a bureau governing every programme it
 * takes part in and its own region.
 */
export async function mayTouchOrg(db: Db, actor: Actor, orgId: number): Promise<boolean> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { id: true, name: true, kind: true, region: true } });
  return (await foreignOrgs(db, actor, [org])).size === 0;
}
