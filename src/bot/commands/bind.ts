// 绑定 姓名 1234: links this chat account to a roster person by name and the phone's last four digits.
import { reply } from "../../templates.js";
import { findByNameAndPhoneTail, linkIdentity } from "../../services/people.js";
import { answer, reject, type Command } from "../context.js";

export const BIND_ATTEMPTS = 5;
const BIND_WINDOW_MS = 60 * 60_000;

export const bind: Command = {
  name: "bind",
  allowsUnknownSender: true,
  match: (text) => /^绑定(?:\s+(\S+)\s+(\d{4}))?\s*$/.exec(text),
  async handle(ctx, match) {
    const { msg, sender, deps } = ctx;
    if (sender) return answer("command", reply("bind.already", { name: sender.name, org: sender.organizationName }));
    if (!match[1]) return reject("bad_bind", reply("bind.usage"));
    const attempts = await deps.store.increment(`bind-attempts:${msg.platform}:${msg.senderId}`, BIND_WINDOW_MS);
    if (attempts > BIND_ATTEMPTS) return reject("bind_locked", reply("bind.locked"));
    const matches = await findByNameAndPhoneTail(deps.prisma, match[1], match[2]);
    if (matches.length !== 1) {
      return reject("bind_not_found", reply("bind.not_found", { left: BIND_ATTEMPTS - attempts }));
    }
    await linkIdentity(deps.prisma, msg.platform, msg.senderId, matches[0].id);
    deps.log.info({ personId: matches[0].id, platform: msg.platform }, "chat identity bound");
    return answer("command", reply("bind.done", { name: matches[0].name, org: matches[0].organizationName }));
  },
};
