// The approver taps 批准 on a leave card: once (a second tap finds it approved), audited.
import type { DbClient } from "../../infra/db.js";
import { audit } from "../audit/audit.js";

export type LeaveApproval = { approved: true } | { approved: false; by: string | null; at: Date | null } | undefined;

export async function approveLeave(db: DbClient, o: { leaveId: number; person: { id: number; name: string }; at: Date }): Promise<LeaveApproval> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.leave.updateMany({ where: { id: o.leaveId, approvedAt: null }, data: { approvedAt: o.at, approvedById: o.person.id } });
    if (count === 1) {
      await audit(tx, `person:${o.person.id}`, "leave.approve", `leave:${o.leaveId}`);
      return { approved: true };
    }
    const leave = await tx.leave.findUnique({ where: { id: o.leaveId }, select: { approvedAt: true, approvedById: true } });
    if (!leave) return undefined;
    const by = leave.approvedById ? await tx.person.findUnique({ where: { id: leave.approvedById }, select: { name: true } }) : null;
    return { approved: false, by: by?.name ?? null, at: leave.approvedAt };
  });
}
