// 绑定 姓名 1234: links this chat account to a roster person by name and the phone's last four digits.
// Only a doctor or a clinic contact binds themselves: a name and four digits are no proof for a role that
// sees a hospital's or a region's records, so leaders, bureau people and admins are linked by an admin.
// Tries are counted per account and per name (one person's phone cannot be guessed from many accounts),
// and the person's accounts already linked are told of the new one.
import { render, replyOf } from "../../templates/render.js";
import { findPeople } from "../../services/people/find-people.js";
import { findChatIdentities } from "../../services/people/find-chat-identities.js";
import { linkIdentity } from "../../services/people/link-identity.js";
import { writeNotifications } from "../../services/notifications/write-notifications.js";
import { answer, reject, type BotContext, type Command } from "../context.js";

const say = replyOf("replies");
export const BIND_ATTEMPTS = 5;
/** Tries naming one person, from any number of accounts, in the same window. */
export const BIND_ATTEMPTS_PER_NAME = 10;
const BIND_WINDOW_MS = 60 * 60_000;
const SELF_SERVICE_ROLES = new Set(["doctor", "clinic_contact"]);

async function tellOtherAccounts(ctx: BotContext, person: { id: number; name: string }): Promise<void> {
  const { msg, deps } = ctx;
  const others = (await findChatIdentities(deps.db, person.id, ["wecom", "dingtalk"])).filter((i) => !(i.platform === msg.platform && i.externalUserId === msg.senderId));
  if (others.length === 0) return;
  const now = deps.now();
  const text = render(say("bind.notice", { platform: say(`platform.${msg.platform}`), name: person.name }));
  await writeNotifications(deps.db, {
    list: others.map((account) => ({
      kind: "bind_notice", subject: `person:${person.id}:${msg.platform}:${msg.senderId}`, period: `${account.platform}:${account.externalUserId}`,
      to: person, message: { text, account },
    })),
    dueAt: now, writtenAt: now,
  });
}

export const bind: Command = {
  name: "bind",
  allowsUnknownSender: true,
  match: (text) => /^绑定(?:\s+(\S{1,50})\s+(\d{4}))?\s*$/.exec(text),
  async handle(ctx, match) {
    const { msg, sender, deps } = ctx;
    if (sender) return answer("command", say("bind.already", { name: sender.name, org: sender.organizationName }));
    if (!match[1]) return reject("bad_bind", say("bind.usage"));
    const attempts = await deps.store.increment(`bind-attempts:${msg.platform}:${msg.senderId}`, BIND_WINDOW_MS);
    const byName = await deps.store.increment(`bind-attempts:name:${match[1]}`, BIND_WINDOW_MS);
    if (attempts > BIND_ATTEMPTS || byName > BIND_ATTEMPTS_PER_NAME) return reject("bind_locked", say("bind.locked"));
    const matches = await findPeople(deps.db, { name: match[1], phoneTail: match[2] });
    if (matches.length !== 1) return reject("bind_not_found", say("bind.not_found", { left: Math.max(0, BIND_ATTEMPTS - attempts) }));
    const person = matches[0];
    if (!SELF_SERVICE_ROLES.has(person.role)) return reject("bind_by_admin", say("bind.by_admin", { name: person.name, org: person.organizationName }));
    await tellOtherAccounts(ctx, person);
    await linkIdentity(deps.db, msg.platform, msg.senderId, person.id);
    deps.log.info({ personId: person.id, platform: msg.platform }, "chat identity bound");
    return answer("command", say("bind.done", { name: person.name, org: person.organizationName }));
  },
};
