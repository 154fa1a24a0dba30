// A posting made by the bureau or a supporting hospital (admin API), within an existing pairing; audited with who made it.
import type { DbClient, Db } from "../../infra/db.js";
import type { PostingMode } from "../../generated/prisma/client.js";
import { AppError } from "../../errors.js";
import { dbDate, type LocalDate } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { audit } from "../audit/audit.js";
import { assertNotPosted } from "./assert-not-posted.js";
import { upsertDoctor, type PersonInput } from "../people/upsert-doctor.js";
import { enforceProgrammeRules } from "../programme/enforce-programme-rules.js";
import { warned, type Breach } from "../../domain/judge-programme.js";

const say = createRenderer("api");

export type NewPosting = { programme: string; supportingOrg: string; recipientOrg: string; person: PersonInput; startDate: LocalDate; endDate?: LocalDate; mode: PostingMode; weekdays?: number[] };

async function findPairing(tx: Db, programme: string, supportingOrg: string, recipientOrg: string) {
  const pairing = await tx.pairing.findFirst({
    where: { programme: { name: programme }, supportingOrg: { name: supportingOrg }, recipientOrg: { name: recipientOrg } },
  });
  if (!pairing) throw new AppError("bad_request", say("posting.pairing_missing", { supporting: supportingOrg, recipient: recipientOrg }));
  return pairing;
}

/** Judged by the programme's rules as the programme would stand with it (enforceProgrammeRules). */
export async function createPosting(db: DbClient, input: NewPosting, actor: string, today: LocalDate): Promise<{ id: number; warnings: Breach[] }> {
  return db.$transaction(async (tx) => {
    const pairing = await findPairing(tx, input.programme, input.supportingOrg, input.recipientOrg);
    const { value: id, warnings } = await enforceProgrammeRules(tx, pairing.programmeId, today, async () => {
      const personId = await upsertDoctor(tx, pairing.supportingOrgId, input.person);
      await assertNotPosted(tx, pairing.programmeId, personId, pairing.recipientOrgId);
      const posting = await tx.posting.create({ data: {
        programmeId: pairing.programmeId, pairingId: pairing.id, personId, supportingOrgId: pairing.supportingOrgId, recipientOrgId: pairing.recipientOrgId,
        mode: input.mode, scheduledWeekdays: input.weekdays ?? [], startDate: dbDate(input.startDate), endDate: input.endDate ? dbDate(input.endDate) : null,
      } });
      return posting.id;
    });
    await audit(tx, actor, "posting.create", `posting:${id}`, { ...input, person: input.person.name, ...warned(warnings) });
    return { id, warnings };
  });
}
