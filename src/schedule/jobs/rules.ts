// The daily `rules` sweep: what has drifted from the programme's rules since the changes that were
// judged (enforceProgrammeRules judges each change; time and earlier warnings leave the rest): a clinic
// left uncovered (科左中旗), a posting ended short, rotation or the part-time share exceeded, a pairing
// short of its 选派医师数. The bureau and the supporting hospitals concerned hear of each once, and
// again only if it gets worse (the severity is the reminder's period).
import { judgeProgramme } from "../../domain/judge-programme.js";
import { findBureauPeople } from "../../services/people/find-bureau-people.js";
import { findLeaders, type Recipient } from "../../services/people/find-leaders.js";
import { listRuledProgrammes } from "../../services/programme/list-ruled-programmes.js";
import { loadProgrammeState } from "../../services/programme/load-programme-state.js";
import { createRenderer } from "../../templates/render.js";
import type { Db } from "../../infra/db.js";
import type { Job } from "../job.js";
import { orAdmins } from "../recipients.js";

const say = createRenderer("reminders");

export const rulesJob: Job = {
  name: "rules",
  // Off the hour and the half hour, when every other sender's reminders go out.
  time: "08:40",
  async run(ctx) {
    const db = ctx.deps.db;
    for (const programme of await listRuledProgrammes(db)) {
      const breaches = judgeProgramme(programme.rules, await loadProgrammeState(db, programme.id), ctx.today);
      // The same for every breach of the programme: looked up once.
      const bureau = breaches.length > 0 ? await findBureauPeople(db, { region: programme.rules.region ?? null }) : [];
      for (const b of breaches) {
        const text = say("rules_drift", { programme: programme.rules.name, message: b.message, level: say(`rules_drift.${b.level}`) });
        const hospitals: Recipient[] = [];
        for (const id of b.teamIds) hospitals.push(...(await findLeaders(db, id)));
        const sent = await orAdmins(ctx, unique([...bureau, ...hospitals]), text, { org: programme.rules.name, role: "leader" });
        const severity = Math.round(b.severity * 100) / 100;
        for (const to of sent.to) {
          const subject = `programme:${programme.id}:rule:${b.key}:person:${to.id}`;
          if ((await worstTold(db, subject)) >= severity) continue;
          await ctx.emit({ kind: "rules_drift", subject, period: `severity:${severity}`, to, message: { text: sent.text }, instead: sent.instead });
        }
      }
    }
  },
};

/** How bad the breach was when this person was last told of it (-1: never): a breach that eased is not news. */
async function worstTold(db: Db, subject: string): Promise<number> {
  const told = await db.notification.findMany({ where: { kind: "rules_drift", subject }, select: { period: true } });
  return Math.max(-1, ...told.map((n) => Number(n.period.slice("severity:".length))));
}

const unique = (people: Recipient[]) => [...new Map(people.map((p) => [p.id, p])).values()];
