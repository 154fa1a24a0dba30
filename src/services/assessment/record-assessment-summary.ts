// 总结: the doctor's own summary of the posting (本人对口支援工作总结), the assessment's first step. It can be
// rewritten until the first party has signed; `at` (the row's createdAt) is when the clinic's turn began.
import type { DbClient } from "../../infra/db.js";
import type { Signoffs } from "../../domain/assessment.js";
import { audit } from "../audit/audit.js";

export async function recordAssessmentSummary(db: DbClient, o: { postingId: number; personId: number; summary: string; at: Date }): Promise<"recorded" | "signed_already"> {
  return db.$transaction(async (tx) => {
    const existing = await tx.assessment.findUnique({ where: { postingId: o.postingId } });
    if (existing && Object.keys((existing.signoffs ?? {}) as Signoffs).length > 0) return "signed_already";
    await tx.assessment.upsert({ where: { postingId: o.postingId }, create: { postingId: o.postingId, selfSummary: o.summary, createdAt: o.at }, update: { selfSummary: o.summary, createdAt: o.at } });
    await audit(tx, `person:${o.personId}`, "assessment.summary", `posting:${o.postingId}`);
    return "recorded";
  });
}
