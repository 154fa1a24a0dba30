// Arrival (到岗) heard of outside the card: the clinic phoned the bureau, a visit saw the doctor, or a
// document says so (科左中旗's roster names no clinic contact, so nobody there can tap the card). The
// clerk enters the day, how it was heard and who said so; the posting records all three and the audit
// log records who entered it. Conditional on the posting still being 'planned', as the card's answer is.
import type { DbClient } from "../../infra/db.js";
import { audit } from "../audit/audit.js";

export const ARRIVAL_VIAS = ["phone", "visit", "document"] as const;
export type ArrivalVia = (typeof ARRIVAL_VIAS)[number];

export async function confirmArrival(db: DbClient, o: { postingId: number; arrivedAt: Date; via: ArrivalVia; reportedBy: string; actor: string }): Promise<"done" | "not_planned"> {
  return db.$transaction(async (tx) => {
    const changed = await tx.posting.updateMany({
      where: { id: o.postingId, status: "planned" },
      data: { status: "arrived", arrivedAt: o.arrivedAt, arrivalVia: o.via, arrivalReportedBy: o.reportedBy, arrivalConfirmedById: null, notArrivedAt: null },
    });
    if (changed.count === 0) return "not_planned";
    await audit(tx, o.actor, "arrival.confirmed", `posting:${o.postingId}`, { at: o.arrivedAt.toISOString(), via: o.via, reportedBy: o.reportedBy });
    return "done";
  });
}
