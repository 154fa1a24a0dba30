// 确认: records a report that was held back for an implausible count, against its original message.
import { reply } from "../../templates.js";
import { answer, type Command } from "../context.js";
import { pendingKey, recordReport } from "./report.js";

export const confirm: Command = {
  name: "confirm",
  match: (text) => /^(?:确认|确定|确认无误)$/.exec(text),
  async handle(ctx) {
    const key = pendingKey(ctx.sender!.id);
    const pending = await ctx.deps.store.get(key);
    if (!pending) return answer("command", reply("confirm.none"));
    const { inboundId } = JSON.parse(pending) as { inboundId: number };
    const original = await ctx.deps.prisma.inboundMessage.findUnique({ where: { id: inboundId }, select: { text: true } });
    if (!original) return answer("command", reply("confirm.none"));
    const result = await recordReport(ctx, { text: original.text, inboundId, skipLimits: true });
    await ctx.deps.store.del(key);
    // The 确认 message itself is a command; the recording belongs to the original message.
    return { ...result, outcome: result.outcome === "recorded" ? "command" : result.outcome };
  },
};
