// 请假 5月3日-5月5日 事由: no reminders while away; the scheduler reads leave before nudging.
import { replyOf } from "../../templates/render.js";
import { formatDay } from "../../templates/phrases.js";
import { recordLeave } from "../../services/record-leave.js";
import { findCurrentPosting } from "../../services/find-current-posting.js";
import { answer, reject, type Command } from "../context.js";
import { parseDateRange } from "../parse-command.js";

const say = replyOf("replies");

export const leave: Command = {
  name: "leave",
  match: (text) => /^请假\s*([\s\S]*)$/.exec(text),
  async handle(ctx, match) {
    const range = parseDateRange(match[1], ctx.today);
    if (!range) return reject("bad_leave", say("leave.usage"));
    const reason = range.rest.replace(/^[\s,，:：]+/, "") || undefined;
    // Leave is taken within a posting: past its end there is nothing to be away from.
    const posting = await findCurrentPosting(ctx.deps.db, ctx.sender!.id, ctx.today);
    if (posting?.end && range.to > posting.end) return reject("leave_past_end", say("leave.past_end", { from: formatDay(range.from), to: formatDay(range.to), end: formatDay(posting.end) }));
    await recordLeave(ctx.deps.db, { personId: ctx.sender!.id, from: range.from, to: range.to, reason });
    const note = reason ? say("leave.reason", { reason }) : "";
    return answer("command", say("leave.done", { from: formatDay(range.from), to: formatDay(range.to), reason: note }));
  },
};
