// Arrival (到岗) of a posted doctor, as the receiving clinic reports it (SPEC §5: the clinic confirms).
// Only the clinic's contact may answer; the first answer stands, and every answer is audited.
import { audit } from "./audit.js";
import type { Db } from "../infra/db.js";
import type { PrismaClient } from "../generated/prisma/client.js";

export type ArrivalPosting = {
  id: number;
  status: "planned" | "arrived" | "ended" | "replaced";
  doctorName: string;
  recipientOrgId: number;
  recipientOrgName: string;
  supportingOrgName: string;
  startDate: Date | null;
  arrivedAt: Date | null;
  confirmedByName: string | null;
  notArrivedAt: Date | null;
  contactPersonId: number | null;
};

export async function findArrivalPosting(db: Db, postingId: number): Promise<ArrivalPosting | undefined> {
  const p = await db.posting.findUnique({
    where: { id: postingId },
    select: {
      id: true, status: true, recipientOrgId: true, startDate: true, arrivedAt: true, notArrivedAt: true,
      person: { select: { name: true } }, recipientOrg: { select: { name: true } }, supportingOrg: { select: { name: true } },
      arrivalConfirmedBy: { select: { name: true } }, pairing: { select: { contactPersonId: true } },
    },
  });
  if (!p) return undefined;
  return {
    id: p.id, status: p.status, doctorName: p.person.name, recipientOrgId: p.recipientOrgId, recipientOrgName: p.recipientOrg.name,
    supportingOrgName: p.supportingOrg.name, startDate: p.startDate, arrivedAt: p.arrivedAt, confirmedByName: p.arrivalConfirmedBy?.name ?? null,
    notArrivedAt: p.notArrivedAt, contactPersonId: p.pairing?.contactPersonId ?? null,
  };
}

/** The pairing's named contact, or any clinic_contact of the receiving clinic when none is named. */
export async function isClinicContact(db: Db, posting: ArrivalPosting, personId: number): Promise<boolean> {
  if (posting.contactPersonId !== null) return posting.contactPersonId === personId;
  const person = await db.person.findUnique({ where: { id: personId }, select: { role: true, organizationId: true } });
  return person?.role === "clinic_contact" && person.organizationId === posting.recipientOrgId;
}

/** The people an arrival card goes to. */
export async function findClinicContacts(db: Db, posting: ArrivalPosting): Promise<{ id: number; name: string }[]> {
  const where = posting.contactPersonId !== null
    ? { id: posting.contactPersonId }
    : { organizationId: posting.recipientOrgId, role: "clinic_contact" as const };
  return db.person.findMany({ where, select: { id: true, name: true }, orderBy: { id: "asc" } });
}

export type ArrivalAnswer = "arrived" | "not_arrived";
export type ArrivalOutcome = "done" | "already_arrived" | "ended";

/**
 * Records the clinic's answer. Conditional on the posting still being 'planned', so two taps racing on two
 * instances change it once. 未到岗 leaves it planned (the doctor may still come) and stamps notArrivedAt,
 * which the escalation reads.
 */
export async function answerArrival(db: PrismaClient, postingId: number, answer: ArrivalAnswer, by: { personId: number; actor: string }, at: Date): Promise<ArrivalOutcome> {
  return db.$transaction(async (tx) => {
    const data = answer === "arrived"
      ? { status: "arrived" as const, arrivedAt: at, arrivalConfirmedById: by.personId, notArrivedAt: null }
      : { notArrivedAt: at };
    const changed = await tx.posting.updateMany({ where: { id: postingId, status: "planned" }, data });
    if (changed.count === 0) {
      const now = await tx.posting.findUniqueOrThrow({ where: { id: postingId }, select: { status: true } });
      return now.status === "arrived" ? "already_arrived" : "ended";
    }
    await audit(tx, by.actor, `arrival.${answer}`, `posting:${postingId}`, { personId: by.personId, at: at.toISOString() });
    return "done";
  });
}
