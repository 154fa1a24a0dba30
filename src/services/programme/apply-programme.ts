// programme apply: a programme's document as rules, stored on the programme (created when new), its
// dates and arrival deadline set from them, and its programme-wide targets replaced by the document's,
// all at once and audited.
import type { DbClient } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { dbDate, localDate } from "../../infra/time.js";
import type { ProgrammeRules } from "../../domain/programme.js";
import { audit } from "../audit/audit.js";
import { syncFilings } from "../filings/sync-filings.js";

export async function applyProgramme(db: DbClient, rules: ProgrammeRules, actor: string): Promise<{ id: number; created: boolean }> {
  const fixed = "start" in rules.cycle ? rules.cycle : undefined;
  const data = {
    rules: rules as unknown as Prisma.InputJsonValue,
    region: rules.region ?? null,
    startDate: fixed ? dbDate(fixed.start) : null,
    endDate: fixed ? dbDate(fixed.end) : null,
    arrivalDeadline: rules.arrival ? dbDate(rules.arrival.by) : null,
  };
  return db.$transaction(async (tx) => {
    const existing = await tx.programme.findUnique({ where: { name: rules.name }, select: { id: true } });
    const { id } = existing
      ? await tx.programme.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.programme.create({ data: { name: rules.name, ...data }, select: { id: true } });
    await tx.target.deleteMany({ where: { programmeId: id, postingId: null, pairingId: null, recipientOrgId: null } });
    if (rules.targets.length > 0) {
      // One row per mode a target is for (mode null: every mode).
      await tx.target.createMany({ data: rules.targets.flatMap((t) => (t.modes ?? [null]).map((mode) => ({ programmeId: id, metric: t.metric, minimum: t.minimum, period: t.period, mode }))) });
    }
    // The document's filings as entries with a due date and a state (services/filings/).
    await syncFilings(tx, { id, rules }, localDate(new Date(), "Asia/Shanghai"));
    await audit(tx, actor, "programme.apply", `programme:${id}`, { name: rules.name, document: rules.document });
    return { id, created: !existing };
  });
}
