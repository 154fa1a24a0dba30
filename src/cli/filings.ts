// filings list <programme> | filings mark <id> --note <报送情况>: a programme's reports and filings with
// their state, and 已报送 recorded by the CLI's operator (the admin), audited.
import { parseArgs } from "node:util";
import type { DbClient } from "../infra/db.js";
import { createRenderer } from "../templates/render.js";
import { findProgramme } from "../services/programme/find-programme.js";
import { syncFilings } from "../services/filings/sync-filings.js";
import { listFilings } from "../services/filings/list-filings.js";
import { markFiled } from "../services/filings/mark-filed.js";
import { findProgrammeRules } from "../services/programme/find-programme-rules.js";
import type { CliIo } from "./io.js";

const say = createRenderer("cli");

export async function runFilings(io: CliIo, db: DbClient, args: string[], today: string): Promise<number> {
  const { values, positionals } = (() => { try { return parseArgs({ args, allowPositionals: true, options: { note: { type: "string" } } }); } catch { return { values: {}, positionals: [] }; } })() as { values: { note?: string }; positionals: string[] };
  const [action, target] = positionals;
  if (action === "list" && target) {
    const programme = await findProgramme(db, { name: target });
    if (!programme) return io.err(say("target.no_programme", { programme: target })), 1;
    const rules = await findProgrammeRules(db, { id: programme.id });
    if (rules) await syncFilings(db, { id: programme.id, rules }, today);
    const items = await listFilings(db, { programmeId: programme.id }, today);
    if (items.length === 0) return io.out(say("filings.none", { programme: target })), 0;
    io.out([say("filings.header", { programme: target }), ...items.map((f) => say("filings.item", { id: f.id, due: f.dueOn, title: f.title, state: say(`filings.state.${f.state}`), note: f.note ? say("filings.note", { note: f.note }) : "" }))].join("\n"));
    return 0;
  }
  if (action === "mark" && /^\d+$/.test(target ?? "") && values.note?.trim()) {
    const [filing] = await listFilings(db, { id: Number(target) }, today);
    if (!filing) return io.err(say("filings.no_filing", { id: target })), 1;
    const outcome = await markFiled(db, { id: filing.id, note: values.note.trim(), actor: "cli", at: new Date() });
    io.out(say(outcome === "filed" ? "filings.marked" : "filings.already", { id: filing.id, title: filing.title, due: filing.dueOn }));
    return 0;
  }
  io.err(say("filings.usage"));
  return 2;
}
