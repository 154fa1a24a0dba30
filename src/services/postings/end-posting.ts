// Ends an open posting on a day (default: its planned end, or today): the doctor left. Audited.
import type { DbClient } from "../../infra/db.js";
import { AppError } from "../../errors.js";
import { dbDate, type LocalDate } from "../../infra/time.js";
import { createRenderer } from "../../templates/render.js";
import { audit } from "../audit/audit.js";
import { enforceProgrammeRules } from "../programme/enforce-programme-rules.js";
import { warned, type Breach } from "../../domain/judge-programme.js";

const say = createRenderer("api");
const OPEN = ["planned", "arrived"] as const;

/** Ends an open posting on a day (default: its planned end, or today): the doctor left. */
export async function endPosting(db: DbClient, id: number, o: { endedOn: LocalDate; note?: string }, actor: string, today: LocalDate): Promise<{ warnings: Breach[] }> {
  return db.$transaction(async (tx) => {
    const { programmeId } = await tx.posting.findUniqueOrThrow({ where: { id }, select: { programmeId: true } });
    // Ended short of the document's minimum, or leaving the clinic uncovered: judged like any change.
    const { warnings } = await enforceProgrammeRules(tx, programmeId, today, async () => {
      const { count } = await tx.posting.updateMany({
        where: { id, status: { in: [...OPEN] } },
        data: { status: "ended", endedAt: new Date(), endDate: dbDate(o.endedOn) },
      });
      if (count === 0) throw new AppError("conflict", say("posting.not_open", { action: say("action.end") }));
    });
    await audit(tx, actor, "posting.end", `posting:${id}`, { ...o, ...warned(warnings) });
    return { warnings };
  });
}
