// 更正: sets a metric's total over a window (a day, or a closed month) by adding the difference as a
// new entry; the ledger keeps every earlier entry.
import type { DbClient } from "../../infra/db.js";
import type { MetricKey } from "../../generated/prisma/client.js";
import type { LocalDate } from "../../infra/time.js";
import { round } from "../../domain/quantity.js";
import { recordEntries } from "./record-entries.js";
import { markOutcome } from "../inbound/mark-outcome.js";
import { sumWorkload } from "./sum-workload.js";
import { withPersonLock } from "./with-person-lock.js";

export type CorrectionRecord = {
  postingId: number;
  personId: number;
  metric: MetricKey;
  value: number;
  window: { from: LocalDate; to: LocalDate; on: LocalDate };
  rawText: string;
  inboundMessageId: number;
  reason?: string;
  isLateCorrection: boolean;
};

/**
 * Read and written under the person's lock, so two corrections at once cannot both add a difference.
 * Returns the total before; when it already was the value, nothing is written.
 */
export async function recordCorrection(db: DbClient, o: CorrectionRecord): Promise<{ previous: number }> {
  return withPersonLock(db, o.personId, async (tx) => {
    const previous = (await sumWorkload(tx, { personId: o.personId, from: o.window.from, to: o.window.to, metrics: [o.metric] })).get(o.metric) ?? 0;
    if (round(o.value - previous) === 0) return { previous };
    await recordEntries(tx, {
      postingId: o.postingId, personId: o.personId, source: "correction", rawText: o.rawText, inboundMessageId: o.inboundMessageId,
      items: [{ metric: o.metric, quantity: round(o.value - previous), date: o.window.on }], reason: o.reason, isLateCorrection: o.isLateCorrection,
    });
    await markOutcome(tx, o.inboundMessageId, "recorded", { personId: o.personId });
    return { previous };
  });
}
