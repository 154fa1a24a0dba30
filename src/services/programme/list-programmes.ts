// The programmes a scope touches (every one for the admin), by name.
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";

export async function listProgrammes(db: Db, scope?: Prisma.PostingWhereInput) {
  return db.programme.findMany({
    where: scope ? { postings: { some: scope } } : {}, orderBy: { name: "asc" },
    select: { id: true, name: true, region: true, startDate: true, endDate: true, rules: true },
  });
}
