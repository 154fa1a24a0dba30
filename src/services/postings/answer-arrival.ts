// Arrival (到岗) of a posted doctor, as the receiving clinic reports it (SPEC §5: the clinic confirms).
// Only the clinic's contact may answer; the first answer stands, and every answer is audited.
import type { DbClient } from "../../infra/db.js";
import { audit } from "../audit/audit.js";
import { findArrivalPosting, type ArrivalPosting } from "./find-arrival-posting.js";
import { findClinicContacts } from "../people/find-clinic-contacts.js";

export type ArrivalAnswer = "arrived" | "not_arrived";
export type ArrivalOutcome = "done" | "already_arrived" | "ended" | "not_contact" | "unknown";

/**
 * Records the clinic's answer. Conditional on the posting still being 'planned', so two taps racing on two
 * instances change it once. 未到岗 leaves it planned (the doctor may still come) and stamps notArrivedAt,
 * which the escalation reads. The posting comes back as it now stands, for the answer and the card.
 */
export async function answerArrival(db: DbClient, o: { postingId: number; answer: ArrivalAnswer; personId: number; at: Date }): Promise<{ outcome: ArrivalOutcome; posting?: ArrivalPosting }> {
  const posting = await findArrivalPosting(db, o.postingId);
  if (!posting) return { outcome: "unknown" };
  if (!(await findClinicContacts(db, posting)).some((c) => c.id === o.personId)) return { outcome: "not_contact", posting };
  const outcome = await db.$transaction(async (tx): Promise<ArrivalOutcome> => {
    const data = o.answer === "arrived"
      ? { status: "arrived" as const, arrivedAt: o.at, arrivalConfirmedById: o.personId, arrivalVia: "card", notArrivedAt: null }
      : { notArrivedAt: o.at };
    const changed = await tx.posting.updateMany({ where: { id: o.postingId, status: "planned" }, data });
    if (changed.count === 0) {
      const now = await tx.posting.findUniqueOrThrow({ where: { id: o.postingId }, select: { status: true } });
      return now.status === "arrived" ? "already_arrived" : "ended";
    }
    await audit(tx, `person:${o.personId}`, `arrival.${o.answer}`, `posting:${o.postingId}`, { personId: o.personId, at: o.at.toISOString() });
    return "done";
  });
  return { outcome, posting: (await findArrivalPosting(db, o.postingId))! };
}
