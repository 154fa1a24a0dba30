// Where `targets set` puts targets, from what the bureau typed: a person's posting (with the clinic when
// they are posted to two), a pairing 支援单位/受援单位, a clinic, a posting mode, or the programme.
import type { Db } from "../../infra/db.js";
import type { PostingMode } from "../../generated/prisma/client.js";
import { createRenderer } from "../../templates/render.js";
import type { TargetScope } from "./set-targets.js";

const say = createRenderer("cli");

export type TargetScopeAsked = { person?: string; pairing?: string; clinic?: string; mode?: PostingMode };

export async function findTargetScope(db: Db, programmeId: number, a: TargetScopeAsked): Promise<TargetScope | { problem: string }> {
  if (a.person) {
    const postings = await db.posting.findMany({
      where: { programmeId, person: { name: a.person }, ...(a.clinic ? { recipientOrg: { name: a.clinic } } : {}) },
      select: { id: true, recipientOrg: { select: { name: true } } },
    });
    if (postings.length === 0) return { problem: say("target.no_posting", { person: a.person }) };
    if (postings.length > 1) return { problem: say("target.which_clinic", { person: a.person, clinics: postings.map((p) => p.recipientOrg.name).join("、") }) };
    return { postingId: postings[0].id };
  }
  if (a.pairing) {
    const [team, clinic] = a.pairing.split(/[/／]/).map((s) => s.trim());
    const pairing = await db.pairing.findFirst({ where: { programmeId, supportingOrg: { name: team }, recipientOrg: { name: clinic ?? "" } }, select: { id: true } });
    return pairing ? { pairingId: pairing.id } : { problem: say("target.no_pairing", { pairing: a.pairing }) };
  }
  if (a.clinic) {
    const clinic = await db.pairing.findFirst({ where: { programmeId, recipientOrg: { name: a.clinic } }, select: { recipientOrgId: true } });
    return clinic ? { recipientOrgId: clinic.recipientOrgId } : { problem: say("target.no_clinic", { clinic: a.clinic }) };
  }
  return a.mode ? { mode: a.mode } : {};
}
