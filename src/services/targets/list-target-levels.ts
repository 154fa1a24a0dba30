// targets list: a programme's targets grouped by the level they were set at, each level named as the
// bureau knows it (the programme, 巡诊, 支援单位→受援单位, a clinic, a doctor at a clinic).
import type { Db } from "../../infra/db.js";
import { createRenderer } from "../../templates/render.js";
import { groupBy } from "../../infra/collections.js";
import type { TargetSpec } from "./set-targets.js";

const say = createRenderer("cli");

export async function listTargetLevels(db: Db, programmeId: number): Promise<{ label: string; targets: TargetSpec[] }[]> {
  const rows = await db.target.findMany({
    where: { programmeId },
    select: { metric: true, minimum: true, period: true, mode: true,
      posting: { select: { person: { select: { name: true } }, recipientOrg: { select: { name: true } } } },
      pairing: { select: { supportingOrg: { select: { name: true } }, recipientOrg: { select: { name: true } } } },
      recipientOrg: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  const labelOf = (t: (typeof rows)[number]) =>
    t.posting ? say("target.level.posting", { person: t.posting.person.name, clinic: t.posting.recipientOrg.name })
      : t.pairing ? say("target.level.pairing", { team: t.pairing.supportingOrg.name, clinic: t.pairing.recipientOrg.name })
        : t.recipientOrg ? say("target.level.clinic", { clinic: t.recipientOrg.name })
          : t.mode ? say("target.level.mode", { mode: say(`target.mode.${t.mode}`) }) : say("target.level.programme");
  return [...groupBy(rows, labelOf)].map(([label, list]) => ({ label, targets: list.map(({ metric, minimum, period }) => ({ metric, minimum, period })) }));
}
