// The supporting hospital's leader agrees to replace a posting's doctor: the first of the two approvals
// a document like 渝北's asks for ("经过支援单位领导同意并报卫健委批准"), recorded before the bureau's.
import type { Db } from "../../infra/db.js";
import { audit } from "../audit/audit.js";

export const HOSPITAL_APPROVAL = "posting.replace.hospital_approval";

export async function approveReplacement(db: Db, o: { postingId: number; actor: string; note: string }): Promise<void> {
  await audit(db, o.actor, HOSPITAL_APPROVAL, `posting:${o.postingId}`, { note: o.note });
}
