// 确认: records a report that was held back for an implausible count, against its original message.
import { reply } from "../../templates.js";
import { answer, type Command } from "../context.js";
import { pendingKey, recordReport, type Pending } from "./report.js";
import { recordCorrection } from "./correct.js";

export const confirm: Command = {
  name: "confirm",
  match: (text) => /^(?:确认|确定|确认无误)$/.exec(text),
  async handle(ctx) {
    const key = pendingKey(ctx.sender!.id);
    const pending = await ctx.deps.store.get(key);
    if (!pending) return answer("command", reply("confirm.none"));
    const { inboundId, kind } = JSON.parse(pending) as Pending;
    const original = await ctx.deps.prisma.inboundMessage.findUnique({ where: { id: inboundId }, select: { text: true } });
    if (!original) return answer("command", reply("confirm.none"));
    const record = kind === "correction" ? recordCorrection : recordReport;
    const result = await record(ctx, { text: original.text.trim(), inboundId, skipLimits: true });
    await ctx.deps.store.del(key);
    // The 确认 message itself is a command; the recording belongs to the original message.
    return { ...result, outcome: result.outcome === "recorded" ? "command" : result.outcome };
  },
};
