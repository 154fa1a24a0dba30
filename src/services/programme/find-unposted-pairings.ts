// Pairings with no posting yet (the roster form lists them with empty doctor columns).
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";

export async function findUnpostedPairings(db: Db, o: { scope: Prisma.PairingWhereInput; programme?: string }) {
  return db.pairing.findMany({
    where: { AND: [o.scope, o.programme ? { programme: { name: o.programme } } : {}, { postings: { none: {} } }] },
    select: { id: true, needs: true, plannedDoctors: true, contactPersonId: true, supportingOrg: { select: { name: true } }, recipientOrg: { select: { name: true, phone: true } }, programme: { select: { name: true } } },
    orderBy: [{ supportingOrg: { name: "asc" } }, { recipientOrg: { name: "asc" } }],
  });
}
