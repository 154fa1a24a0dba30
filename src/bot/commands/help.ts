// 帮助: every way of writing a report, and the other commands.
import { METRICS } from "../../domain/metrics.js";
import { render, replyOf, type Reply } from "../../templates/render.js";
import { answer, type Command } from "../context.js";

const say = replyOf("replies");

export const helpReply = (): Reply => say("help", { metrics: METRICS.map((m) => m.short).join(render(say("list.sep"))) });

export const help: Command = {
  name: "help",
  allowsUnknownSender: true,
  match: (text) => /^(?:帮助|help|菜单|\?|？|怎么填|怎么用)$/i.exec(text),
  handle: async () => answer("query", helpReply()),
};
