// targets set: a programme's targets, each replacing the one for the same metric and period, together.
import type { DbClient } from "../../infra/db.js";
import type { MetricKey, TargetPeriod } from "../../generated/prisma/client.js";

export type TargetSpec = { metric: MetricKey; minimum: number; period: TargetPeriod };

export async function setTargets(db: DbClient, programmeId: number, targets: TargetSpec[]): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const t of targets) {
      await tx.target.deleteMany({ where: { programmeId, postingId: null, metric: t.metric, period: t.period } });
      await tx.target.create({ data: { programmeId, ...t } });
    }
  });
}
