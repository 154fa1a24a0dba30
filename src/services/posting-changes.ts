// Posting changes made by the bureau or a supporting hospital (admin API): create, end, replace.
// A replacement needs the bureau's approval and is recorded as a new posting that names the one it
// replaces, never as an edit (SPEC §3). Every change is audited with who made it.
import type { PostingMode } from "../generated/prisma/client.js";
import type { Db } from "../infra/db.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { AppError } from "../errors.js";
import { addDays, dbDate, fromDbDate, type LocalDate } from "../infra/time.js";
import { createRenderer } from "../templates.js";
import { audit } from "./audit.js";

const say = createRenderer("api");

export type PersonInput = { name: string; gender?: string; title?: string; department?: string; phone?: string };
export type NewPosting = { programme: string; supportingOrg: string; recipientOrg: string; person: PersonInput; startDate: LocalDate; endDate?: LocalDate; mode: PostingMode };

const OPEN = ["planned", "arrived"] as const;

/** The doctor by name within the supporting hospital, created as a doctor when new; given details are updated. */
async function upsertDoctor(tx: Db, organizationId: number, p: PersonInput): Promise<number> {
  const details = { gender: p.gender, title: p.title, department: p.department, phone: p.phone };
  const person = await tx.person.upsert({
    where: { organizationId_name: { organizationId, name: p.name } },
    create: { organizationId, name: p.name, role: "doctor", ...details },
    update: details,
  });
  return person.id;
}

/** One posting per doctor per clinic in a programme (the table's unique key), said before the insert fails. */
async function assertNotPosted(tx: Db, programmeId: number, personId: number, recipientOrgId: number): Promise<void> {
  const taken = await tx.posting.findUnique({ where: { programmeId_personId_recipientOrgId: { programmeId, personId, recipientOrgId } }, select: { id: true } });
  if (taken) throw new AppError("conflict", say("posting.exists"));
}

async function findPairing(tx: Db, programme: string, supportingOrg: string, recipientOrg: string) {
  const pairing = await tx.pairing.findFirst({
    where: { programme: { name: programme }, supportingOrg: { name: supportingOrg }, recipientOrg: { name: recipientOrg } },
  });
  if (!pairing) throw new AppError("bad_request", say("posting.pairing_missing", { supporting: supportingOrg, recipient: recipientOrg }));
  return pairing;
}

export async function createPosting(prisma: PrismaClient, input: NewPosting, actor: string): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const pairing = await findPairing(tx, input.programme, input.supportingOrg, input.recipientOrg);
    const personId = await upsertDoctor(tx, pairing.supportingOrgId, input.person);
    await assertNotPosted(tx, pairing.programmeId, personId, pairing.recipientOrgId);
    const posting = await tx.posting.create({ data: {
      programmeId: pairing.programmeId, pairingId: pairing.id, personId, supportingOrgId: pairing.supportingOrgId, recipientOrgId: pairing.recipientOrgId,
      mode: input.mode, startDate: dbDate(input.startDate), endDate: input.endDate ? dbDate(input.endDate) : null,
    } });
    await audit(tx, actor, "posting.create", `posting:${posting.id}`, { ...input, person: input.person.name });
    return posting.id;
  });
}

/** Ends an open posting on a day (default: its planned end, or today): the doctor left. */
export async function endPosting(prisma: PrismaClient, id: number, o: { endedOn: LocalDate; note?: string }, actor: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.posting.updateMany({
      where: { id, status: { in: [...OPEN] } },
      data: { status: "ended", endedAt: new Date(), endDate: dbDate(o.endedOn) },
    });
    if (count === 0) throw new AppError("conflict", say("posting.not_open", { action: say("action.end") }));
    await audit(tx, actor, "posting.end", `posting:${id}`, o);
  });
}

export type Replacement = { person: PersonInput; startDate: LocalDate; endDate?: LocalDate; approvalNote: string };

/** The old posting becomes `replaced` (ending the day before) and a new one names it, with the approval. */
export async function replacePosting(prisma: PrismaClient, id: number, r: Replacement, actor: string): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const old = await tx.posting.findUniqueOrThrow({ where: { id } });
    const { count } = await tx.posting.updateMany({
      where: { id, status: { in: [...OPEN] }, replacedBy: null },
      data: { status: "replaced", endedAt: new Date(), endDate: dbDate(addDays(r.startDate, -1)) },
    });
    if (count === 0) throw new AppError("conflict", say("posting.not_open", { action: say("action.replace") }));
    const personId = await upsertDoctor(tx, old.supportingOrgId, r.person);
    const end = r.endDate ?? (old.endDate ? fromDbDate(old.endDate) : undefined);
    await assertNotPosted(tx, old.programmeId, personId, old.recipientOrgId);
    const fresh = await tx.posting.create({ data: {
      programmeId: old.programmeId, pairingId: old.pairingId, personId, supportingOrgId: old.supportingOrgId, recipientOrgId: old.recipientOrgId,
      mode: old.mode, scheduledWeekdays: old.scheduledWeekdays, startDate: dbDate(r.startDate), endDate: end ? dbDate(end) : null,
      replacesPostingId: id, replacementNote: r.approvalNote,
    } });
    await audit(tx, actor, "posting.replace", `posting:${id}`, { replacement: fresh.id, person: r.person.name, startDate: r.startDate, approvalNote: r.approvalNote });
    return fresh.id;
  });
}
