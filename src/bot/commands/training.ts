// 进修 2人 3个月 青山乡卫生院 内科: a supporting hospital's leader logs clinic staff it trained; the
// programme's training duty (进修, 骨干培养) counts them.
import { replyOf } from "../../templates/render.js";
import { quote } from "../../templates/phrases.js";
import { findActor } from "../../services/access/find-actor.js";
import { findClinicInScope } from "../../services/access/find-clinic-in-scope.js";
import { findLeader } from "../../services/people/find-leader.js";
import { logTraining } from "../../services/oversight/log-training.js";
import { answer, reject, type Command } from "../context.js";

const say = replyOf("reminders");
const TRAINING = /^(\d{1,3})\s*(?:人|名)\s*(?:(\d{1,2}(?:\.\d)?)\s*个?月)?\s*(\S+)\s*([\s\S]*)$/;

export const training: Command = {
  name: "training",
  match: (text) => /^(?:进修|骨干培养|培养骨干)\s+([\s\S]+)$/.exec(text),
  async handle(ctx, match) {
    const me = await findLeader(ctx.deps.db, ctx.sender!.id);
    if (!me || me.organization.kind !== "supporting") return reject("leaders_only", say("training.leaders_only"));
    const m = TRAINING.exec(match[1].trim());
    if (!m) return reject("bad_training", say("training.usage"));
    // Only a clinic the hospital is paired with: another's training duty is not this hospital's to count.
    const clinic = await findClinicInScope(ctx.deps.db, (await findActor(ctx.deps.db, me.id))!, m[3]);
    if (!clinic) return reject("unknown_clinic", say("visit.no_clinic", { clinic: quote(m[3]) }));
    const months = m[2] ? Number(m[2]) : undefined;
    await logTraining(ctx.deps.db, { supportingOrgId: me.organization.id, recipientOrgId: clinic.id, people: Number(m[1]), months, note: m[4].trim(), on: ctx.today, loggedById: me.id });
    return answer("command", say("training.done", { clinic: clinic.name, people: m[1], months: months ? say("training.months", { months }) : "" }));
  },
};
