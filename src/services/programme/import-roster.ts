// Applies a parsed roster in one transaction: load what exists, work out what is new or changed,
// write in batches. Importing the same file twice changes nothing; 10,000 rows take seconds.
import type { Platform } from "../../generated/prisma/client.js";
import type { DbClient } from "../../infra/db.js";
import type { Db } from "../../infra/db.js";
import { dbDate, fromDbDate, localDate, type LocalDate } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { joinList } from "../../templates/phrases.js";
import { DETAILS, type ParsedRoster, type PersonDetails, type RosterRow, type RowIssue } from "../../roster/parse-roster.js";
import type { Breach } from "../../domain/judge-programme.js";
import type { TargetSpec } from "../../domain/target-spec.js";
import { enforceProgrammeRules, ProgrammeRulesRefused } from "./enforce-programme-rules.js";
import { writeTargets } from "../targets/set-targets.js";
import { ADMIN_ACTOR, type Actor } from "../access/actor.js";
import { checkRosterAccess } from "../access/check-roster-access.js";

const say = createRenderer("cli");

export type Counts = { created: number; updated: number; unchanged: number };
/** One person or posting the file creates or changes, named, with what changes (the preview lists these). */
export type ImportChange = { kind: "person" | "posting"; action: "created" | "updated"; name: string; detail: string };
export type ImportSummary = {
  programmes: Counts; organizations: Counts; people: Counts; identities: Counts; pairings: Counts; postings: Counts;
  warnings: RowIssue[]; rejected: RowIssue[]; changes: ImportChange[];
};
/** The changes named in a summary: a county's roster is a few hundred rows; a larger file is counted, its first ones named. */
export const CHANGES_NAMED = 1000;
/** `preview`: run the whole import in its transaction, count what would change, then roll it back (the console's preview). */
/** `actor`: who imports (the CLI's operator is the admin); decides what the file may touch. */
/** `create`: a programme of this name may be created (without rules); otherwise a missing one refuses the file. */
/** `today`: the day the programme's rules are judged on (the staffing of a running cycle). */
export type ImportOptions = { programme: string; start?: LocalDate; end?: LocalDate; preview?: boolean; actor?: Actor; create?: boolean; today?: LocalDate };

/** The file names a programme that does not exist, and creating one was not asked for (a typo makes no programme). */
export class ProgrammeMissing extends Error {
  constructor(readonly programme: string) {
    super(`no programme named ${programme}`);
  }
}

/** Thrown inside the transaction to roll a preview back after it has counted everything. */
class PreviewDone extends Error {}

const counts = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });
const day = (d: Date | null) => (d ? fromDbDate(d) : null);
const key = (...parts: (string | number)[]) => parts.join("|");

/** Names a created (no `have`) or changed record in the summary's changes. */
type Note<Want, Have> = (want: Want, have?: Have) => void;

/** Creates what is missing and updates what differs, counting each; `differs` compares only what the file gives. */
async function sync<Want, Have>(
  c: Counts, wants: Map<string, Want>, haves: Map<string, Have>,
  differs: (want: Want, have: Have) => boolean,
  create: (wants: Want[]) => Promise<unknown>, update: (want: Want, have: Have) => Promise<unknown>,
  note?: Note<Want, Have>,
): Promise<void> {
  const fresh: Want[] = [];
  for (const [k, want] of wants) {
    const have = haves.get(k);
    if (!have) (fresh.push(want), note?.(want));
    else if (differs(want, have)) (c.updated++, note?.(want, have), await update(want, have));
    else c.unchanged++;
  }
  c.created += fresh.length;
  for (let i = 0; i < fresh.length; i += 1000) await create(fresh.slice(i, i + 1000));
}

/**
 * The programme the file is for. Its dates and rules are `programme apply`'s: an import never moves them
 * (every "项目开始以来" figure would move). Only a programme created here takes the file's dates.
 */
async function syncProgramme(tx: Db, o: ImportOptions, rows: RosterRow[], s: ImportSummary): Promise<number> {
  const existing = await tx.programme.findUnique({ where: { name: o.programme }, select: { id: true } });
  if (existing) return s.programmes.unchanged++, existing.id;
  if (!o.create) throw new ProgrammeMissing(o.programme);
  const startDate = o.start ?? (rows.map((r) => r.start).filter(Boolean).sort() as LocalDate[])[0];
  const endDate = o.end ?? (rows.map((r) => r.end).filter(Boolean).sort() as LocalDate[]).at(-1);
  s.programmes.created++;
  const created = await tx.programme.create({ data: { name: o.programme, startDate: startDate && dbDate(startDate), endDate: endDate && dbDate(endDate) } });
  return created.id;
}

type OrgWant = { name: string; kind: "supporting" | "recipient"; phone?: string; county?: string };

async function syncOrganizations(tx: Db, rows: RosterRow[], s: ImportSummary): Promise<Map<string, number>> {
  const wants = new Map<string, OrgWant>();
  const want = (name: string, kind: OrgWant["kind"], given: { phone?: string; county?: string }) => {
    const prior = wants.get(name);
    if (!prior) return void wants.set(name, { name, kind, ...given });
    prior.phone ??= given.phone;
    prior.county ??= given.county;
  };
  for (const r of rows) {
    want(r.supportingOrg, "supporting", { county: r.supportingCounty });
    want(r.recipientOrg, "recipient", { phone: r.clinicPhone, county: r.recipientCounty });
  }
  const load = async () => new Map((await tx.organization.findMany({ where: { name: { in: [...wants.keys()] } } })).map((o) => [o.name, o]));
  // A cell left empty changes nothing: only what the file states is written.
  const changes = (want: OrgWant, have: { phone: string | null; county: string | null }) =>
    (want.phone !== undefined && want.phone !== have.phone) || (want.county !== undefined && want.county !== have.county);
  await sync(s.organizations, wants, await load(), changes,
    (fresh) => tx.organization.createMany({ data: fresh, skipDuplicates: true }),
    (want, have) => tx.organization.update({ where: { id: have.id }, data: { phone: want.phone, county: want.county } }));
  return new Map([...(await load())].map(([name, org]) => [name, org.id]));
}

type PersonWant = { organizationId: number; name: string; role: "doctor" | "clinic_contact"; gender?: string; title?: string; department?: string; phone?: string } & PersonDetails;

function wantedPeople(rows: RosterRow[], orgs: Map<string, number>): Map<string, PersonWant> {
  const wants = new Map<string, PersonWant>();
  const add = (p: PersonWant) => {
    const k = key(p.organizationId, p.name);
    const prior = wants.get(k);
    // The first non-empty value of each attribute wins, so a later bare row does not blank it.
    wants.set(k, prior ? { ...p, ...Object.fromEntries(Object.entries(prior).filter(([, v]) => v !== undefined)) } : p);
  };
  for (const r of rows) {
    const single = r.doctors.length === 1;
    for (const d of r.doctors) {
      add({ organizationId: orgs.get(r.supportingOrg)!, name: d.name, role: "doctor", gender: single ? r.gender : undefined,
        title: single ? r.title : undefined, department: single ? r.department : d.specialty, phone: single ? r.phone : undefined, ...(single ? r.details : {}) });
    }
    if (r.contact) add({ organizationId: orgs.get(r.recipientOrg)!, name: r.contact, role: "clinic_contact" });
  }
  return wants;
}

/** Adds a change to the summary, up to CHANGES_NAMED. */
const named = (s: ImportSummary, c: ImportChange) => void (s.changes.length < CHANGES_NAMED && s.changes.push(c));
const fieldChange = (field: string, before: unknown, after: unknown) => say("change.field", { field: say(`change.label.${field}`), before: before == null || before === "" ? say("change.none") : String(before), after: String(after ?? say("change.none")) });

async function syncPeople(tx: Db, rows: RosterRow[], orgs: Map<string, number>, s: ImportSummary): Promise<Map<string, number>> {
  const wants = wantedPeople(rows, orgs);
  const orgIds = [...new Set([...wants.values()].map((p) => p.organizationId))];
  const load = async () => new Map((await tx.person.findMany({ where: { organizationId: { in: orgIds } } })).map((p) => [key(p.organizationId, p.name), p]));
  const fields = ["gender", "title", "department", "phone", ...DETAILS] as const;
  const orgName = new Map([...orgs].map(([name, id]) => [id, name]));
  const changed = (want: PersonWant, have: Record<string, unknown>) => fields.filter((f) => want[f] !== undefined && want[f] !== have[f]);
  await sync(s.people, wants, await load(),
    (want, have) => changed(want, have).length > 0,
    (fresh) => tx.person.createMany({ data: fresh }),
    (want, have) => tx.person.update({ where: { id: have.id }, data: Object.fromEntries(fields.filter((f) => want[f] !== undefined).map((f) => [f, want[f]])) }),
    (want, have) => named(s, { kind: "person", action: have ? "updated" : "created", name: say("change.person", { name: want.name, org: orgName.get(want.organizationId) ?? "" }),
      detail: have ? changed(want, have).map((f) => fieldChange(f, have[f], want[f])).join(say("list.sep")) : say(`change.role.${want.role}`) }));
  return new Map([...(await load())].map(([k, p]) => [k, p.id]));
}

type IdentityWant = { platform: Platform; externalUserId: string; personId: number; row: number };

function wantedIdentities(rows: RosterRow[], orgs: Map<string, number>, people: Map<string, number>): Map<string, IdentityWant> {
  const wants = new Map<string, IdentityWant>();
  const add = (platform: Platform, account: string | undefined, personId: number | undefined, row: number) => {
    if (account && personId) wants.set(key(platform, account), { platform, externalUserId: account, personId, row });
  };
  for (const r of rows) {
    const doctor = r.doctors.length === 1 ? people.get(key(orgs.get(r.supportingOrg)!, r.doctors[0].name)) : undefined;
    add("wecom", r.wecom, doctor, r.row);
    add("dingtalk", r.dingtalk, doctor, r.row);
    const contact = r.contact ? people.get(key(orgs.get(r.recipientOrg)!, r.contact)) : undefined;
    add("wecom", r.contactWecom, contact, r.row);
    add("dingtalk", r.contactDingtalk, contact, r.row);
  }
  return wants;
}

async function syncIdentities(tx: Db, rows: RosterRow[], orgs: Map<string, number>, people: Map<string, number>, s: ImportSummary): Promise<void> {
  const wants = wantedIdentities(rows, orgs, people);
  if (wants.size === 0) return;
  const existing = await tx.chatIdentity.findMany({ where: { externalUserId: { in: [...wants.values()].map((w) => w.externalUserId) } } });
  const haves = new Map(existing.map((i) => [key(i.platform, i.externalUserId), i]));
  await sync(s.identities, wants, haves, (want, have) => want.personId !== have.personId,
    (fresh) => tx.chatIdentity.createMany({ data: fresh.map(({ row: _, ...i }) => i) }),
    async (want, have) => {
      s.warnings.push({ row: want.row, message: say("row.identity_moved", { account: want.externalUserId }) });
      await tx.chatIdentity.update({ where: { id: have.id }, data: { personId: want.personId } });
    });
}

type PairingWant = { programmeId: number; supportingOrgId: number; recipientOrgId: number; needs: string[]; plannedDoctors?: number; contactPersonId?: number };

async function syncPairings(tx: Db, programmeId: number, rows: RosterRow[], orgs: Map<string, number>, people: Map<string, number>, s: ImportSummary): Promise<Map<string, number>> {
  const wants = new Map<string, PairingWant>();
  for (const r of rows) {
    const [supportingOrgId, recipientOrgId] = [orgs.get(r.supportingOrg)!, orgs.get(r.recipientOrg)!];
    const k = key(supportingOrgId, recipientOrgId);
    const prior = wants.get(k);
    const contactPersonId = r.contact ? people.get(key(recipientOrgId, r.contact)) : undefined;
    wants.set(k, {
      programmeId, supportingOrgId, recipientOrgId,
      needs: [...new Set([...(prior?.needs ?? []), ...r.needs])],
      plannedDoctors: prior?.plannedDoctors ?? r.plannedDoctors,
      contactPersonId: prior?.contactPersonId ?? contactPersonId,
    });
  }
  const load = async () => new Map((await tx.pairing.findMany({ where: { programmeId } })).map((p) => [key(p.supportingOrgId, p.recipientOrgId), p]));
  // Only what the file gives is compared and written: a roster without 需帮扶项目 (the 附件3 layout)
  // leaves the needs an earlier file gave.
  const given = (w: PairingWant) => ({
    ...(w.needs.length > 0 ? { needs: w.needs } : {}),
    ...(w.plannedDoctors !== undefined ? { plannedDoctors: w.plannedDoctors } : {}),
    ...(w.contactPersonId !== undefined ? { contactPersonId: w.contactPersonId } : {}),
  });
  await sync(s.pairings, wants, await load(),
    (w, h) => Object.entries(given(w)).some(([f, v]) => JSON.stringify(v) !== JSON.stringify(h[f as keyof typeof h])),
    (fresh) => tx.pairing.createMany({ data: fresh }),
    (w, h) => tx.pairing.update({ where: { id: h.id }, data: given(w) }));
  return new Map([...(await load())].map(([k, p]) => [k, p.id]));
}

type PostingWant = {
  programmeId: number; personId: number; supportingOrgId: number; recipientOrgId: number; pairingId: number; startDate: LocalDate | null; endDate: LocalDate | null;
  durationText: string | null; mode: "full_time" | "part_time" | "circuit"; scheduledWeekdays: number[]; row: number; targets?: TargetSpec[];
};

const modeOf = (r: RosterRow) => (r.partTime ? "part_time" : r.circuit ? "circuit" : "full_time");

/** Writes the file's postings and their 工作目标; returns each posting's id with the row it came from. */
async function syncPostings(tx: Db, programmeId: number, rows: RosterRow[], ids: { orgs: Map<string, number>; people: Map<string, number>; pairings: Map<string, number> }, o: ImportOptions, s: ImportSummary): Promise<Map<number, number>> {
  const wants = new Map<string, PostingWant>();
  for (const r of rows) {
    const [supportingOrgId, recipientOrgId] = [ids.orgs.get(r.supportingOrg)!, ids.orgs.get(r.recipientOrg)!];
    const [startDate, endDate] = [r.start ?? o.start ?? null, r.end ?? o.end ?? null];
    if (!startDate && r.doctors.length > 0) {
      s.warnings.push({ row: r.row, message: say("row.no_dates", { name: joinList(r.doctors.map((d) => d.name)), duration: r.durationText ?? "" }) });
    }
    for (const d of r.doctors) {
      const personId = ids.people.get(key(supportingOrgId, d.name))!;
      const k = key(personId, recipientOrgId);
      if (!wants.has(k)) wants.set(k, { programmeId, personId, supportingOrgId, recipientOrgId, pairingId: ids.pairings.get(key(supportingOrgId, recipientOrgId))!, startDate, endDate, durationText: r.durationText ?? null, mode: modeOf(r), scheduledWeekdays: r.partTime?.weekdays ?? [], row: r.row, targets: r.targets });
    }
  }
  const haves = new Map((await tx.posting.findMany({ where: { programmeId } })).map((p) => [key(p.personId, p.recipientOrgId), p]));
  const orgName = new Map([...ids.orgs].map(([name, id]) => [id, name]));
  const personName = new Map([...ids.people].map(([k, id]) => [id, k.slice(k.indexOf("|") + 1)]));
  const period = (from: LocalDate | null, to: LocalDate | null, text: string | null) => (from ? say("change.period", { from, to: to ?? "" }) : text ?? "");
  const note = (w: PostingWant, h?: (typeof haves extends Map<string, infer H> ? H : never)) => named(s, {
    kind: "posting", action: h ? "updated" : "created", name: say("change.posting", { name: personName.get(w.personId) ?? "", clinic: orgName.get(w.recipientOrgId) ?? "" }),
    detail: h ? [
      w.startDate !== day(h.startDate) || w.endDate !== day(h.endDate) || w.durationText !== h.durationText ? fieldChange("period", period(day(h.startDate), day(h.endDate), h.durationText), period(w.startDate, w.endDate, w.durationText)) : "",
      w.supportingOrgId !== h.supportingOrgId ? fieldChange("hospital", orgName.get(h.supportingOrgId) ?? h.supportingOrgId, orgName.get(w.supportingOrgId)) : "",
      w.mode !== h.mode || w.scheduledWeekdays.join() !== h.scheduledWeekdays.join() ? fieldChange("mode", say(`change.mode.${h.mode}`), say(`change.mode.${w.mode}`)) : "",
    ].filter(Boolean).join(say("list.sep")) : period(w.startDate, w.endDate, w.durationText),
  });
  await sync(s.postings, wants, haves,
    (w, h) => w.startDate !== day(h.startDate) || w.endDate !== day(h.endDate) || w.durationText !== h.durationText || w.supportingOrgId !== h.supportingOrgId
      || w.mode !== h.mode || w.scheduledWeekdays.join() !== h.scheduledWeekdays.join(),
    (fresh) => tx.posting.createMany({ data: fresh.map(({ row: _, targets: __, ...w }) => ({ ...w, startDate: w.startDate && dbDate(w.startDate), endDate: w.endDate && dbDate(w.endDate) })) }),
    (w, h) => tx.posting.update({ where: { id: h.id }, data: { startDate: w.startDate && dbDate(w.startDate), endDate: w.endDate && dbDate(w.endDate), durationText: w.durationText, supportingOrgId: w.supportingOrgId, mode: w.mode, scheduledWeekdays: w.scheduledWeekdays } }),
    note);
  const written = new Map((await tx.posting.findMany({ where: { programmeId }, select: { id: true, personId: true, recipientOrgId: true } })).map((p) => [key(p.personId, p.recipientOrgId), p.id]));
  const rowOf = new Map<number, number>();
  for (const [k, w] of wants) {
    const id = written.get(k)!;
    rowOf.set(id, w.row);
    if (w.targets) await writeTargets(tx, programmeId, { postingId: id }, w.targets);
  }
  return rowOf;
}

/** A breach told at the row of the file it comes from: rotation at the last person through the post, the others at the first row involved. */
function rowIssue(b: Breach, rowOf: Map<number, number>, rows: RosterRow[]): RowIssue {
  const involved = b.postingIds.map((id) => rowOf.get(id)).filter((r): r is number => r !== undefined);
  const pairingRow = rows.find((r) => b.key === `staffing:${r.supportingOrg}|${r.recipientOrg}`)?.row;
  const row = involved.length > 0 ? (b.rule === "rotation" ? Math.max(...involved) : Math.min(...involved)) : pairingRow ?? 0;
  return { row, message: b.message };
}

/** A roster its programme's rules refuse: nothing of it was written. */
export class RosterRefused extends Error {
  constructor(readonly refused: RowIssue[]) {
    super(`roster refused by its programme's rules (${refused.length} rows)`);
  }
}

/**
 * Writes the roster in one transaction, judged by its programme's rules over the whole programme as it
 * would stand (enforceProgrammeRules): a breach the document words as "不得" refuses the whole import
 * (RosterRefused, nothing written), one it words as "原则上" is a warning in the summary.
 */
export async function importRoster(db: DbClient, roster: ParsedRoster, o: ImportOptions): Promise<ImportSummary> {
  const s: ImportSummary = {
    programmes: counts(), organizations: counts(), people: counts(), identities: counts(), pairings: counts(), postings: counts(),
    warnings: [...roster.warnings], rejected: roster.rejected, changes: [],
  };
  const today = o.today ?? localDate(new Date(), "Asia/Shanghai");
  try {
    await db.$transaction(async (tx) => {
      // Inside the transaction: judged on the records as they stand when the file is written.
      const outside = await checkRosterAccess(tx, o.actor ?? ADMIN_ACTOR, roster.rows);
      if (outside.length > 0) throw new RosterRefused(outside);
      const programmeId = await syncProgramme(tx, o, roster.rows, s);
      let rowOf = new Map<number, number>();
      try {
        const { warnings } = await enforceProgrammeRules(tx, programmeId, today, async () => {
          const orgs = await syncOrganizations(tx, roster.rows, s);
          const people = await syncPeople(tx, roster.rows, orgs, s);
          await syncIdentities(tx, roster.rows, orgs, people, s);
          const pairings = await syncPairings(tx, programmeId, roster.rows, orgs, people, s);
          rowOf = await syncPostings(tx, programmeId, roster.rows, { orgs, people, pairings }, o, s);
        });
        s.warnings.push(...warnings.map((b) => rowIssue(b, rowOf, roster.rows)));
      } catch (error) {
        if (!(error instanceof ProgrammeRulesRefused)) throw error;
        throw new RosterRefused(error.breaches.map((b) => rowIssue(b, rowOf, roster.rows)).sort((a, b) => a.row - b.row));
      }
      if (o.preview) throw new PreviewDone();
    }, { timeout: 10 * 60_000, maxWait: 60_000 });
  } catch (error) {
    if (!(error instanceof PreviewDone)) throw error;
  }
  s.warnings.sort((a, b) => a.row - b.row);
  return s;
}
