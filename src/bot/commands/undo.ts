// 撤销: revokes the entries of my last recorded message; history keeps them, totals drop them.
import { fromDbDate } from "../../infra/time.js";
import { reply } from "../../templates.js";
import { findClosedMonths } from "../../services/month-close.js";
import { findLastReport, revokeEntries } from "../../services/workload.js";
import { answer, reject, type Command } from "../context.js";
import { formatItems, closedMonthText } from "../format.js";

export const undo: Command = {
  name: "undo",
  match: (text) => /^(?:撤销|撤回|撤销上一条|undo)$/i.exec(text),
  async handle(ctx) {
    const db = ctx.deps.prisma;
    const last = await findLastReport(db, ctx.sender!.id);
    if (!last) return answer("command", reply("undo.none"));
    const days = last.entries.map((e) => fromDbDate(e.occurredOn));
    const [closed] = await findClosedMonths(db, last.entries[0].postingId, days, ctx.today);
    if (closed) return reject("closed_month", closedMonthText(closed));
    await revokeEntries(db, last.entries.map((e) => e.id));
    return answer("command", reply("undo.done", { items: formatItems(last.entries) }));
  },
};
