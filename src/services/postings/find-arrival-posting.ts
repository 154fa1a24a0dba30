// A posting as its arrival (到岗) card and the clinic's answer see it.
import type { Db } from "../../infra/db.js";

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
