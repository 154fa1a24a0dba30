// 确认: records a report that was held back for an implausible count, against its original message.
import { replyOf } from "../../templates/render.js";
import { findInboundText } from "../../services/inbound/find-inbound-text.js";
import { answer, type Command, type KnownContext } from "../context.js";
import { pendingKey, releasedAsCommand, type Pending } from "./hold.js";
import { currentPostingById } from "./clinic.js";
import { report } from "./report.js";
import { correction } from "./correct.js";

const say = replyOf("replies");

export const confirm: Command = {
  name: "confirm",
  match: (text) => /^(?:确认|确定|确认无误)$/.exec(text),
  async handle(ctx) {
    const known = ctx as KnownContext;
    const key = pendingKey(known.sender.id);
    const pending = await ctx.deps.store.get(key);
    if (!pending) return answer("command", say("confirm.none"));
    const { inboundId, kind, postingId } = JSON.parse(pending) as Pending;
    const text = await findInboundText(ctx.deps.db, inboundId);
    if (text === undefined) return answer("command", say("confirm.none"));
    // A report held at a clinic the doctor chose is recorded at that clinic.
    const result = kind === "correction"
      ? await correction(known, { text: text.trim(), inboundId, skipLimits: true })
      : await report(known, { text: text.trim(), inboundId, skipLimits: true, posting: await currentPostingById(known, postingId) });
    await ctx.deps.store.del(key);
    return releasedAsCommand(result);
  },
};
