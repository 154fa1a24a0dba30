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
      for (const b of breaches) {
        const text = say("rules_drift", { programme: programme.rules.name, message: b.message, level: say(`rules_drift.${b.level}`) });
        const hospitals: Recipient[] = [];
        for (const id of b.teamIds) hospitals.push(...(await findLeaders(db, id)));
        const bureau = await findBureauPeople(db, { region: programme.rules.region ?? null });
        const sent = await orAdmins(ctx, unique([...bureau, ...hospitals]), text, { org: programme.rules.name, role: "leader" });
        for (const to of sent.to) {
          const subject = `programme:${programme.id}:rule:${b.key}:person:${to.id}`;
          await ctx.emit({ kind: "rules_drift", subject, period: `severity:${Math.round(b.severity * 100) / 100}`, to, message: { text: sent.text }, instead: sent.instead });
        }
      }
    }
  },
};

const unique = (people: Recipient[]) => [...new Map(people.map((p) => [p.id, p])).values()];
