// A replacement needs the bureau's approval and is recorded as a new posting that names the one it
// replaces, never as an edit (SPEC §3). Audited with who made it.
import type { Db, DbClient } from "../../infra/db.js";
import type { PostingMode } from "../../generated/prisma/client.js";
import { AppError } from "../../errors.js";
import { addDays, dbDate, fromDbDate, type LocalDate } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { audit } from "../audit/audit.js";
import { assertNotPosted } from "./assert-not-posted.js";
import { upsertDoctor, type PersonInput } from "../people/upsert-doctor.js";
import { enforceProgrammeRules } from "../programme/enforce-programme-rules.js";
import { warned, type Breach } from "../../domain/judge-programme.js";

const say = createRenderer("api");
const OPEN = ["planned", "arrived"] as const;

/** `hospitalApproval`: the supporting hospital's, where the programme asks for it before the bureau's. */
export type Replacement = { person: PersonInput; startDate: LocalDate; endDate?: LocalDate; approvalNote: string; hospitalApproval?: { actor: string; note: string } };

type Old = { id: number; programmeId: number; pairingId: number | null; supportingOrgId: number; recipientOrgId: number; endDate: Date | null; mode: PostingMode; scheduledWeekdays: number[] };

/** The old posting becomes `replaced` (ending the day before) and a new one names it, with the approval. */
async function swap(tx: Db, old: Old, r: Replacement): Promise<number> {
  const { count } = await tx.posting.updateMany({
    where: { id: old.id, status: { in: [...OPEN] }, replacedBy: null },
    data: { status: "replaced", endedAt: new Date(), endDate: dbDate(addDays(r.startDate, -1)) },
  });
  if (count === 0) throw new AppError("conflict", say("posting.not_open", { action: say("action.replace") }));
  const personId = await upsertDoctor(tx, old.supportingOrgId, r.person);
  const end = r.endDate ?? (old.endDate ? fromDbDate(old.endDate) : undefined);
  await assertNotPosted(tx, old.programmeId, personId, old.recipientOrgId);
  const fresh = await tx.posting.create({ data: {
    programmeId: old.programmeId, pairingId: old.pairingId, personId, supportingOrgId: old.supportingOrgId, recipientOrgId: old.recipientOrgId,
    mode: old.mode, scheduledWeekdays: old.scheduledWeekdays, startDate: dbDate(r.startDate), endDate: end ? dbDate(end) : null,
    replacesPostingId: old.id, replacementNote: r.approvalNote,
  } });
  return fresh.id;
}

/** The old posting ended short and one more person through the post: judged like any change (enforceProgrammeRules). */
export async function replacePosting(db: DbClient, id: number, r: Replacement, actor: string, today: LocalDate): Promise<{ id: number; warnings: Breach[] }> {
  return db.$transaction(async (tx) => {
    const old = await tx.posting.findUniqueOrThrow({ where: { id } });
    const { value: freshId, warnings } = await enforceProgrammeRules(tx, old.programmeId, today, () => swap(tx, old, r));
    await audit(tx, actor, "posting.replace", `posting:${id}`, { replacement: freshId, person: r.person.name, startDate: r.startDate, approvalNote: r.approvalNote, hospitalApproval: r.hospitalApproval, ...warned(warnings) });
    return { id: freshId, warnings };
  });
}
