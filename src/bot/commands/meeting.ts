// 会议 6月20日 名称 参会：…: a leader logs a quarterly meeting from chat (SPEC §3); logging it closes
// the matching reminders (their sweeps and send-time checks count these rows).
import { replyOf } from "../../templates/render.js";
import { formatDay, quote } from "../../templates/phrases.js";
import { TEXT_LIMITS } from "../../domain/text-limits.js";
import { tooLong } from "../too-long.js";
import { findLeader } from "../../services/people/find-leader.js";
import { logMeeting } from "../../services/oversight/log-meeting.js";
import { answer, reject, type Command } from "../context.js";
import { leadingDate } from "../parse-command.js";

const say = replyOf("reminders");

export const meeting: Command = {
  name: "meeting",
  match: (text) => /^(?:会议|开会)\s+([\s\S]+)$/.exec(text),
  async handle(ctx, match) {
    const me = await findLeader(ctx.deps.db, ctx.sender!.id);
    if (!me) return reject("leaders_only", say("leaders_only"));
    const parsed = leadingDate(match[1], ctx.today);
    const [title, attendees] = (parsed?.rest ?? "").split(/\s*参会(?:人员)?[：:]\s*/);
    if (!parsed || !title || me.organization.kind !== "supporting") return reject("bad_meeting", say("meeting.usage"));
    const long = tooLong("meeting_title", title, TEXT_LIMITS.meetingTitle) ?? tooLong("meeting_attendees", attendees ?? "", TEXT_LIMITS.meetingAttendees);
    if (long) return long;
    await logMeeting(ctx.deps.db, { supportingOrgId: me.organization.id, heldOn: parsed.date, title, attendees, loggedById: me.id });
    return answer("command", say("meeting.done", { date: formatDay(parsed.date), title: quote(title), org: me.organization.name }));
  },
};
