// A card sent to one person, kept so that its copy can be updated when another recipient answers.
import type { Db } from "../../infra/db.js";
import type { Platform } from "../../infra/records.js";
import { parseTaskId } from "../../cards/card.js";

export async function recordCardCopy(db: Db, o: { taskId: string; platform: Platform; externalUserId: string; responseCode?: string }): Promise<void> {
  const parsed = parseTaskId(o.taskId);
  if (!parsed) return;
  const data = { kind: parsed.kind, subject: parsed.subject, period: parsed.period ?? "", platform: o.platform, externalUserId: o.externalUserId, responseCode: o.responseCode ?? null };
  await db.cardCopy.upsert({ where: { taskId: o.taskId }, create: { taskId: o.taskId, ...data }, update: data });
}
