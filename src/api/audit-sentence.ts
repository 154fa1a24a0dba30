// One audit entry as a Chinese sentence: who (a person's name, the admin, an organisation's token, the
// server's operator at the CLI, the system), from where (后台, 命令行, 聊天, 接口), and what they did to
// what, in the words of templates/audit.json. Codes stay in the entry for the API's readers.
import type { AuditNames } from "../services/audit/find-audit-names.js";
import { createRenderer, hasText } from "../templates/render.js";

const say = createRenderer("audit");
type Entry = { actor: string; action: string; subject: string; data: unknown };
type Vars = Record<string, string | number>;

/** Where an actor acted from: console:… a session, token:…/admin the API, cli the command line, person:… chat (a card or a command). */
export function channelOf(actor: string): "console" | "cli" | "chat" | "api" | "system" {
  if (actor.startsWith("console:")) return "console";
  if (actor === "cli") return "cli";
  if (actor.startsWith("person:")) return "chat";
  if (actor === "admin" || actor.startsWith("token:")) return "api";
  return "system";
}

function who(actor: string, names: AuditNames): string {
  const person = /^(?:console:)?person:(\d+)/.exec(actor);
  if (person) return say("who.person", { name: names.people.get(Number(person[1]))?.name ?? actor });
  const token = /^token:(\d+):(.*)$/.exec(actor);
  if (token) return say("who.token", { id: token[1], org: token[2] });
  if (actor === "admin" || actor === "console:admin") return say("who.admin");
  if (actor === "cli") return say("who.cli");
  if (actor === "scheduler") return say("who.system");
  return say("who.unknown", { actor });
}

function subjectOf(subject: string, names: AuditNames): string {
  const [kind, rest = ""] = [subject.slice(0, subject.indexOf(":")), subject.slice(subject.indexOf(":") + 1)];
  const id = Number(rest);
  const known: Record<string, () => string | undefined> = {
    posting: () => names.postings.get(id) && say("subject.posting", names.postings.get(id)!),
    person: () => (names.people.get(id) ? say("subject.person", names.people.get(id)!) : /^\D/.test(rest) ? say("subject.person", { name: rest }) : undefined),
    filing: () => names.filings.get(id) && say("subject.filing", names.filings.get(id)!),
    leave: () => names.leaves.get(id) && say("subject.leave", names.leaves.get(id)!),
    org: () => say("subject.org", { name: rest }),
    programme: () => say("subject.programme", { name: rest }),
    token: () => say("subject.token", { id: rest }),
    postings: () => say("subject.postings", { count: rest }),
  };
  if (subject === "admin") return say("subject.admin");
  return known[kind]?.() ?? say("subject.gone", { subject });
}

/** What a person's update changed: 角色 医生 → 领导, … */
function changeText(d: Record<string, unknown>): string {
  const before = (d.before ?? {}) as Record<string, string | null>;
  const after = (d.after ?? {}) as Record<string, string | null>;
  const shown = (field: string, v: string | null) => (v == null || v === "" ? say("change.none") : field === "role" ? say(`role.${v}`) : v);
  const list = ["role", "department", "phone"].filter((f) => (before[f] ?? null) !== (after[f] ?? null))
    .map((f) => say(`change.${f}`, { before: shown(f, before[f] ?? null), after: shown(f, after[f] ?? null) }));
  return list.length ? say("change", { list: list.join("，") }) : "";
}

/** The entry's own facts a sentence names (the file imported, the day visited, how an arrival was heard). */
function details(e: Entry): Vars {
  const d = (e.data && typeof e.data === "object" ? e.data : {}) as Record<string, unknown>;
  const counts = (k: string) => (d[k] as { created?: number; updated?: number } | undefined) ?? {};
  return {
    file: d.fileName ? say("file", { name: String(d.fileName) }) : "", created: counts("postings").created ?? 0, updated: counts("postings").updated ?? 0, people: counts("people").created ?? 0,
    arrivalVia: d.via ? say(`arrival_via.${String(d.via)}`) : "", reportedBy: String(d.reportedBy ?? ""), title: String(d.title ?? ""), heldOn: String(d.heldOn ?? ""),
    visitedOn: String(d.visitedOn ?? ""), kind: String(d.kind ?? ""), organization: String(d.organization ?? ""), role: d.role ? say(`role.${String(d.role)}`) : "",
    change: e.action === "person.update" ? changeText(d) : "",
  };
}

export function auditSentence(e: Entry, names: AuditNames): string {
  const vars: Vars = { who: who(e.actor, names), via: say(`via.${channelOf(e.actor)}`), subject: subjectOf(e.subject, names), action: e.action, ...details(e) };
  const sign = /^assessment\.sign\.(\w+)$/.exec(e.action);
  if (sign) return say("action.assessment.sign", { ...vars, step: say(`step.${sign[1]}`) });
  return say(hasText("audit", `action.${e.action}`) ? `action.${e.action}` : "action.other", vars);
}
