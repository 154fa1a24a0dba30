// 绑定 姓名 1234: links this chat account to a roster person by name and the phone's last four digits.
import { replyOf } from "../../templates/render.js";
import { findPeople } from "../../services/find-people.js";
import { linkIdentity } from "../../services/link-identity.js";
import { answer, reject, type Command } from "../context.js";

const say = replyOf("replies");
export const BIND_ATTEMPTS = 5;
const BIND_WINDOW_MS = 60 * 60_000;

export const bind: Command = {
  name: "bind",
  allowsUnknownSender: true,
  match: (text) => /^绑定(?:\s+(\S+)\s+(\d{4}))?\s*$/.exec(text),
  async handle(ctx, match) {
    const { msg, sender, deps } = ctx;
    if (sender) return answer("command", say("bind.already", { name: sender.name, org: sender.organizationName }));
    if (!match[1]) return reject("bad_bind", say("bind.usage"));
    const attempts = await deps.store.increment(`bind-attempts:${msg.platform}:${msg.senderId}`, BIND_WINDOW_MS);
    if (attempts > BIND_ATTEMPTS) return reject("bind_locked", say("bind.locked"));
    const matches = await findPeople(deps.db, { name: match[1], phoneTail: match[2] });
    if (matches.length !== 1) return reject("bind_not_found", say("bind.not_found", { left: BIND_ATTEMPTS - attempts }));
    await linkIdentity(deps.db, msg.platform, msg.senderId, matches[0].id);
    deps.log.info({ personId: matches[0].id, platform: msg.platform }, "chat identity bound");
    return answer("command", say("bind.done", { name: matches[0].name, org: matches[0].organizationName }));
  },
};
