import { METRICS } from "../../domain/metrics.js";
import { reply } from "../../templates.js";
import { answer, type Command } from "../context.js";

export function helpText(): string {
  return reply("help", { metrics: METRICS.map((m) => m.short).join(reply("list.sep")) });
}

export const help: Command = {
  name: "help",
  allowsUnknownSender: true,
  match: (text) => /^(?:帮助|help|菜单|\?|？|怎么填|怎么用)$/i.exec(text),
  handle: async () => answer("query", helpText()),
};
