// One posting per doctor per clinic in a programme (the table's unique key), said before the insert fails.
import type { Db } from "../../infra/db.js";
import { AppError } from "../../errors.js";
import { createRenderer } from "../../templates/render.js";

const say = createRenderer("api");

export async function assertNotPosted(tx: Db, programmeId: number, personId: number, recipientOrgId: number): Promise<void> {
  const taken = await tx.posting.findUnique({ where: { programmeId_personId_recipientOrgId: { programmeId, personId, recipientOrgId } }, select: { id: true } });
  if (taken) throw new AppError("conflict", say("posting.exists"));
}
