// 请假 5月3日-5月5日 事由: no reminders while away. The leave goes by the procedure: its approver (the
// programme's, or the clinic's contact) gets a card to approve, the clinic and the supporting hospital
// are told; until approved, the digest shows it as unapproved.
import { leaveCard } from "../../cards/build.js";
import { render, replyOf } from "../../templates/render.js";
import { formatDay, joinList, quote } from "../../templates/phrases.js";
import { TEXT_LIMITS } from "../../domain/text-limits.js";
import { tooLong } from "../too-long.js";
import { recordLeave } from "../../services/leave/record-leave.js";
import type { CurrentPosting } from "../../services/postings/find-current-posting.js";
import { findLeaveApprovers } from "../../services/people/find-leave-approvers.js";
import { writeNotifications } from "../../services/notifications/write-notifications.js";
import { answer, currentPostingOf, reject, type Command, type KnownContext } from "../context.js";
import { parseDateRange } from "../parse-command.js";

const say = replyOf("replies");

type Leave = { id: number; from: string; to: string; reason?: string };

/** The approvers' cards and the others' notes, through the outbox; returns who approves. */
async function askApproval(ctx: KnownContext, posting: CurrentPosting, leave: Leave): Promise<string[]> {
  const db = ctx.deps.db;
  const { approvers, told } = await findLeaveApprovers(db, posting.id);
  const names = approvers.map((a) => a.name);
  const vars = { doctor: ctx.sender.name, clinic: posting.recipientOrgName, from: formatDay(leave.from), to: formatDay(leave.to), reason: leave.reason ? say("leave.reason", { reason: leave.reason }) : "", approvers: joinList(names) };
  const card = leaveCard({ leaveId: leave.id, doctor: ctx.sender.name, clinic: posting.recipientOrgName, from: leave.from, to: leave.to, reason: leave.reason ?? null });
  const now = ctx.deps.now();
  const subject = (to: { id: number }) => `leave:${leave.id}:person:${to.id}`;
  await writeNotifications(db, {
    list: [
      ...approvers.map((to) => ({ kind: "leave_approval", subject: subject(to), period: "leave", to, message: { card } })),
      ...told.map((to) => ({ kind: "leave_notice", subject: subject(to), period: "leave", to, message: { text: render(say("leave.told", vars)) } })),
    ],
    dueAt: now, writtenAt: now,
  });
  return names;
}

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
    const approvers = posting ? await askApproval(known, posting, { id, from: range.from, to: range.to, reason }) : [];
    const note = reason ? say("leave.reason", { reason: quote(reason) }) : "";
    const vars = { from: formatDay(range.from), to: formatDay(range.to), reason: note, approvers: joinList(approvers) };
    return answer("command", say(approvers.length > 0 ? "leave.done" : "leave.done.plain", vars));
  },
};
