// Pairings (结对) of a programme within a scope.
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";

export async function countPairings(db: Db, scope: Prisma.PairingWhereInput, programmeId: number): Promise<number> {
  return db.pairing.count({ where: { AND: [scope, { programmeId }] } });
}
