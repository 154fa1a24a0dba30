// Whether a posting's assessment (考核鉴定表) is submitted (its reminder stops then).
import type { Db } from "../../infra/db.js";

export async function isAssessmentSubmitted(db: Db, postingId: number): Promise<boolean> {
  return (await db.assessment.count({ where: { postingId, submittedAt: { not: null } } })) > 0;
}
