// 后台: a one-time link that opens the console signed in as the sender (ten minutes, once).
import { createLoginLink, LINK_MINUTES } from "../../services/sessions/create-login-link.js";
import { replyOf } from "../../templates/render.js";
import { answer, type Command, type KnownContext } from "../context.js";

const say = replyOf("replies");

export const consoleLink: Command = {
  name: "console-link",
  match: (text) => /^(?:后台|管理后台|控制台|登录后台)$/.exec(text),
  async handle(ctx) {
    const { deps, sender } = ctx as KnownContext;
    const token = await createLoginLink(deps.db, { personId: sender.id, now: deps.now() });
    const url = `${deps.publicUrl ?? ""}/console/login?t=${token}`;
    return answer("query", say("console.link", { url, minutes: LINK_MINUTES }));
  },
};
