// An approver approves a leave: only the leave's approver (the programme's or the clinic's contact; the
// admins for leave outside a posting), the first approval counts, and the doctor is told through the
// outbox. The card tap leads here; the words of each outcome are the door's.
import { formatDay } from "../../templates/phrases.js";
import { render, replyOf } from "../../templates/render.js";
import { approveLeave } from "../../services/leave/approve-leave.js";
import { findLeave } from "../../services/leave/find-leave.js";
import { findLeaveApprovers } from "../../services/people/find-leave-approvers.js";
import { findCurrentPosting } from "../../services/postings/find-current-posting.js";
import { findBureauPeople } from "../../services/people/find-bureau-people.js";
import { writeNotifications } from "../../services/notifications/write-notifications.js";
import type { LeaveDeps } from "./ask-leave-approval.js";

const replies = replyOf("replies");

export type LeaveVars = { doctor: string; from: string; to: string };
export type ApproveOutcome =
  | { approved: true; vars: LeaveVars }
  | { already: true; by: string | null; at: Date | null }
  | { refused: "unknown" | "not_approver" };

export async function approveLeaveAsApprover(deps: LeaveDeps, approver: { id: number; name: string }, leaveId: number): Promise<ApproveOutcome> {
  const leave = await findLeave(deps.db, leaveId);
  if (!leave) return { refused: "unknown" };
  const posting = await findCurrentPosting(deps.db, leave.personId, leave.from);
  const approvers = posting ? (await findLeaveApprovers(deps.db, posting.id)).approvers : await findBureauPeople(deps.db, { adminsOnly: true });
  if (!approvers.some((a) => a.id === approver.id)) return { refused: "not_approver" };
  const now = deps.now();
  const result = await approveLeave(deps.db, { leaveId: leave.id, person: approver, at: now });
  if (!result) return { refused: "unknown" };
  if (!result.approved) return { already: true, by: result.by ?? null, at: result.at ?? null };
  const vars = { doctor: leave.doctor, from: formatDay(leave.from), to: formatDay(leave.to) };
  const text = render(replies("leave.approved.doctor", { ...vars, by: approver.name }));
  await writeNotifications(deps.db, { list: [{ kind: "leave_approved", subject: `leave:${leave.id}:person:${leave.personId}`, period: "leave", to: { id: leave.personId, name: leave.doctor }, message: { text } }], dueAt: now, writtenAt: now });
  return { approved: true, vars };
}
