// 督导 6月12日 受援单位 检查情况: a leader logs a supervision visit from chat; logging it closes the
// matching reminders. The visitor's level (bureau, hospital leader, department head) follows who logs it.
import { replyOf } from "../../templates/render.js";
import { formatDay, quote } from "../../templates/phrases.js";
import { findLeader } from "../../services/people/find-leader.js";
import { logVisit, visitOf } from "../../services/oversight/log-visit.js";
import { findActor } from "../../services/access/find-actor.js";
import { findClinicInScope } from "../../services/access/find-clinic-in-scope.js";
import { answer, reject, type Command } from "../context.js";
import { leadingDate } from "../parse-command.js";
import { TEXT_LIMITS } from "../../domain/text-limits.js";
import { tooLong } from "../too-long.js";

const say = replyOf("reminders");

export const visit: Command = {
  name: "visit",
  match: (text) => /^督导\s+([\s\S]+)$/.exec(text),
  async handle(ctx, match) {
    const me = await findLeader(ctx.deps.db, ctx.sender!.id);
    if (!me) return reject("leaders_only", say("leaders_only"));
    const parsed = leadingDate(match[1], ctx.today);
    const [clinicName = "", ...report] = (parsed?.rest ?? "").split(/\s+/);
    if (!parsed || !clinicName) return reject("bad_visit", say("visit.usage"));
    const text = report.join(" ");
    const long = tooLong("visit_report", text, TEXT_LIMITS.visitReport);
    if (long) return long;
    const found = await findClinicInScope(ctx.deps.db, (await findActor(ctx.deps.db, me.id))!, clinicName);
    if (!found) return reject("unknown_clinic", say("visit.no_clinic", { clinic: quote(clinicName) }));
    const logged = await logVisit(ctx.deps.db, { ...visitOf(me), clinic: found, visitedOn: parsed.date, report: text });
    return answer("command", say("visit.done", { date: formatDay(parsed.date), clinic: logged.clinic, kind: say(`visit.kind.${logged.visitorKind}`) }));
  },
};
