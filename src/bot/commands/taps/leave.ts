// 批准 on a leave card: only the leave's approver; the first tap approves, the doctor is told.
import type { ParsedTaskId } from "../../../cards/card.js";
import { formatDay, formatTime } from "../../../templates/phrases.js";
import { render, replyOf } from "../../../templates/render.js";
import { approveLeave } from "../../../services/leave/approve-leave.js";
import { findLeave } from "../../../services/leave/find-leave.js";
import { findLeaveApprovers } from "../../../services/people/find-leave-approvers.js";
import { findCurrentPosting } from "../../../services/postings/find-current-posting.js";
import { findBureauPeople } from "../../../services/people/find-bureau-people.js";
import { writeNotifications } from "../../../services/notifications/write-notifications.js";
import { answer, type CommandResult, type KnownContext } from "../../context.js";
import { card, refuse } from "./refuse.js";

const replies = replyOf("replies");

export async function tapLeave(ctx: KnownContext, tapped: ParsedTaskId, key: string): Promise<CommandResult> {
  const leave = await findLeave(ctx.deps.db, tapped.subject);
  if (!leave || key !== "approve") return refuse("unknown_card");
  const posting = await findCurrentPosting(ctx.deps.db, leave.personId, leave.from);
  const approvers = posting ? (await findLeaveApprovers(ctx.deps.db, posting.id)).approvers : await findBureauPeople(ctx.deps.db, { adminsOnly: true });
  if (!approvers.some((a) => a.id === ctx.sender.id)) return refuse("not_approver", "leave.not_approver");
  const now = ctx.deps.now();
  const result = await approveLeave(ctx.deps.db, { leaveId: leave.id, person: ctx.sender, at: now });
  if (!result) return refuse("unknown_card");
  const vars = { doctor: leave.doctor, from: formatDay(leave.from), to: formatDay(leave.to) };
  if (!result.approved) {
    const time = result.at ? formatTime(result.at, ctx.deps.tz) : "";
    return { ...refuse("already_approved", "leave.already", { by: result.by ?? "", time }), cardUpdate: card("leave.done", { name: result.by ?? "", time }) };
  }
  const text = render(replies("leave.approved.doctor", { ...vars, by: ctx.sender.name }));
  await writeNotifications(ctx.deps.db, { list: [{ kind: "leave_approved", subject: `leave:${leave.id}:person:${leave.personId}`, period: "leave", to: { id: leave.personId, name: leave.doctor }, message: { text } }], dueAt: now, writtenAt: now });
  return { ...answer("command", card("leave.approved", vars)), cardUpdate: card("leave.done", { name: ctx.sender.name, time: formatTime(now, ctx.deps.tz) }) };
}
