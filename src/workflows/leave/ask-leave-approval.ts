// A doctor's leave goes by the procedure: its approver (the programme's, or the clinic's contact) gets a
// card to approve, the clinic and the supporting hospital are told (through the outbox). Chat's 请假
// leads here; so would any other door that records leave.
import { leaveCard } from "../../cards/build.js";
import { render, replyOf } from "../../templates/render.js";
import { formatDay, joinList } from "../../templates/phrases.js";
import type { CurrentPosting } from "../../services/postings/find-current-posting.js";
import { findLeaveApprovers } from "../../services/people/find-leave-approvers.js";
import { writeNotifications } from "../../services/notifications/write-notifications.js";
import type { BotDeps } from "../../bot/context.js";

const say = replyOf("replies");

export type LeaveDeps = Pick<BotDeps, "db" | "now" | "tz">;
export type AskedLeave = { id: number; doctor: string; from: string; to: string; reason?: string };

/** The approvers' cards and the others' notes; returns the approvers' names. */
export async function askLeaveApproval(deps: LeaveDeps, posting: Pick<CurrentPosting, "id" | "recipientOrgName">, leave: AskedLeave): Promise<string[]> {
  const { approvers, told } = await findLeaveApprovers(deps.db, posting.id);
  const names = approvers.map((a) => a.name);
  const vars = { doctor: leave.doctor, clinic: posting.recipientOrgName, from: formatDay(leave.from), to: formatDay(leave.to), reason: leave.reason ? say("leave.reason", { reason: leave.reason }) : "", approvers: joinList(names) };
  const card = leaveCard({ leaveId: leave.id, doctor: leave.doctor, clinic: posting.recipientOrgName, from: leave.from, to: leave.to, reason: leave.reason ?? null });
  const now = deps.now();
  const subject = (to: { id: number }) => `leave:${leave.id}:person:${to.id}`;
  await writeNotifications(deps.db, {
    list: [
      ...approvers.map((to) => ({ kind: "leave_approval", subject: subject(to), period: "leave", to, message: { card } })),
      ...told.map((to) => ({ kind: "leave_notice", subject: subject(to), period: "leave", to, message: { text: render(say("leave.told", vars)) } })),
    ],
    dueAt: now, writtenAt: now,
  });
  return names;
}
