// 撤销: revokes the entries of my last recorded message; history keeps them, totals drop them.
import { replyOf } from "../../templates/render.js";
import { closedMonth, formatItems } from "../../templates/phrases.js";
import { findClosedMonths } from "../../services/months/find-closed-months.js";
import { findLastReport } from "../../services/workload/find-last-report.js";
import { revokeEntries } from "../../services/workload/revoke-entries.js";
import { answer, reject, type Command } from "../context.js";

const say = replyOf("replies");

export const undo: Command = {
  name: "undo",
  match: (text) => /^(?:撤销|撤回|撤销上一条|undo)$/i.exec(text),
  async handle(ctx) {
    const last = await findLastReport(ctx.deps.db, ctx.sender!.id);
    if (!last) return answer("command", say("undo.none"));
    const [closed] = await findClosedMonths(ctx.deps.db, last.entries[0].postingId, last.entries.map((e) => e.day), ctx.today);
    if (closed) return reject("closed_month", closedMonth(closed));
    await revokeEntries(ctx.deps.db, last.entries.map((e) => e.id));
    return answer("command", say("undo.done", { items: formatItems(last.entries) }));
  },
};
