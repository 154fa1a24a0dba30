// Training duties a programme's document sets (中站: 每年接收每个社区卫生服务中心至少2名医务人员不少于3个月
// 的进修; 科左中旗: 每年培养至少3名骨干): a hospital behind on a clinic hears it with 60 days of the year left.
import { daysBetween } from "../../infra/time.js";
import { oversightPeriod } from "../../domain/programme.js";
import { countTrained } from "../../services/oversight/count-trained.js";
import { findLeaders } from "../../services/people/find-leaders.js";
import { findProgrammePairings } from "../../services/programme/find-programme-pairings.js";
import { listRuledProgrammes } from "../../services/programme/list-ruled-programmes.js";
import { createRenderer } from "../../templates/render.js";
import { formatDay } from "../../templates/phrases.js";
import type { Job } from "../job.js";
import { orAdmins } from "../recipients.js";

const say = createRenderer("reminders");
export const TRAINING_LEAD_DAYS = 60;

export const trainingJob: Job = {
  name: "training_due",
  time: "09:08",
  async run(ctx) {
    for (const programme of await listRuledProgrammes(ctx.deps.db)) {
      const { period } = oversightPeriod(programme.rules, "year", ctx.today);
      const left = daysBetween(ctx.today, period.to);
      if (left > TRAINING_LEAD_DAYS || left < 0) continue;
      for (const [index, duty] of programme.rules.training.entries()) {
        for (const p of await findProgrammePairings(ctx.deps.db, programme.id)) {
          const done = await countTrained(ctx.deps.db, { supportingOrgId: p.supportingOrgId, recipientOrgId: p.recipientOrgId, from: period.from, to: period.to, months: duty.months });
          if (done >= duty.people) continue;
          const text = say("training_due", { hospital: p.hospital, clinic: p.clinic, what: duty.what, done, people: duty.people, end: formatDay(period.to), left, clause: duty.clause });
          const sent = await orAdmins(ctx, await findLeaders(ctx.deps.db, p.supportingOrgId), text, { org: p.hospital, role: "leader" });
          for (const to of sent.to) {
            const subject = `programme:${programme.id}:training:${index}:org:${p.supportingOrgId}:clinic:${p.recipientOrgId}:person:${to.id}`;
            await ctx.emit({ kind: "training_due", subject, period: period.label, to, message: { text: sent.text }, instead: sent.instead });
          }
        }
      }
    }
  },
};
