// 请假 5月3日-5月5日 事由: no reminders while away. The leave goes by the procedure (the approval workflow in
// src/workflows/leave/); until approved, the digest shows it as unapproved.
import { replyOf } from "../../templates/render.js";
import { formatDay, joinList, quote } from "../../templates/phrases.js";
import { TEXT_LIMITS } from "../../domain/text-limits.js";
import { tooLong } from "../too-long.js";
import { recordLeave } from "../../services/leave/record-leave.js";
import { askLeaveApproval } from "../../workflows/leave/ask-leave-approval.js";
import { answer, currentPostingOf, reject, type Command, type KnownContext } from "../context.js";
import { parseDateRange } from "../parse-command.js";

const say = replyOf("replies");

export const leave: Command = {
  name: "leave",
  match: (text) => /^请假\s*([\s\S]*)$/.exec(text),
  async handle(ctx, match) {
    const known = ctx as KnownContext;
    const range = parseDateRange(match[1], ctx.today);
    if (!range) return reject("bad_leave", say("leave.usage"));
    const reason = range.rest.replace(/^[\s,，:：]+/, "") || undefined;
    const long = reason && tooLong("leave_reason", reason, TEXT_LIMITS.leaveReason);
    if (long) return long;
    // Leave is taken within a posting: past its end there is nothing to be away from.
    const posting = await currentPostingOf(known);
    if (posting?.end && range.to > posting.end) return reject("leave_past_end", say("leave.past_end", { from: formatDay(range.from), to: formatDay(range.to), end: formatDay(posting.end) }));
    const id = await recordLeave(ctx.deps.db, { personId: known.sender.id, from: range.from, to: range.to, reason });
    const approvers = posting ? await askLeaveApproval(ctx.deps, posting, { id, doctor: known.sender.name, from: range.from, to: range.to, reason }) : [];
    const note = reason ? say("leave.reason", { reason: quote(reason) }) : "";
    const vars = { from: formatDay(range.from), to: formatDay(range.to), reason: note, approvers: joinList(approvers) };
    return answer("command", say(approvers.length > 0 ? "leave.done" : "leave.done.plain", vars));
  },
};
