// The assessments (考核鉴定表) recorded for these postings, by posting.
import type { Db } from "../../infra/db.js";

export async function findAssessments(db: Db, postingIds: number[]) {
  const rows = await db.assessment.findMany({ where: { postingId: { in: postingIds } } });
  return new Map(rows.map((a) => [a.postingId, a]));
}
