// A bot wired to a test database and store, with a clock the test sets, and a way to send it messages.
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import type { BotDeps } from "../../src/bot/context.js";
import { decideMessage, type Answer } from "../../src/bot/pipeline.js";
import type { CardTap } from "../../src/cards/card.js";
import type { Database } from "../../src/infra/db.js";
import type { Store } from "../../src/infra/store.js";
import type { Platform } from "../../src/generated/prisma/client.js";

export type TestBot = BotDeps & {
  setNow(iso: string): void;
  say(senderId: string, text: string, o?: { platform?: Platform; msgId?: string }): Promise<string>;
  /** A tap on a card, as any channel delivers it. */
  tap(senderId: string, tap: CardTap, msgId?: string): Promise<Answer>;
};

export function createTestBot(db: Database, store: Store, now = "2021-06-15T10:00:00+08:00"): TestBot {
  let clock = new Date(now);
  const deps: BotDeps = {
    db: db.client, store, log: pino({ level: "silent" }), tz: "Asia/Shanghai", now: () => clock, dailyLimits: {},
  };
  return {
    ...deps,
    setNow: (iso) => void (clock = new Date(iso)),
    async say(senderId, text, o = {}) {
      const result = await decideMessage(deps, {
        platform: o.platform ?? "wecom", msgId: o.msgId ?? randomUUID(), senderId, text, receivedAt: clock,
      });
      return [...result.replies, ...(result.cards ?? []).map((c) => c.fallback)].join("\n");
    },
    tap: (senderId, tap, msgId) => decideMessage(deps, {
      platform: "wecom", msgId: msgId ?? `card:${tap.taskId}:${tap.key}:${senderId}`, senderId, text: "", tap, receivedAt: clock,
    }),
  };
}

/** Links a chat account to the roster person of that name. */
export async function linkAccount(db: Database, name: string, externalUserId: string, platform: Platform = "wecom"): Promise<number> {
  const person = await db.client.person.findFirstOrThrow({ where: { name } });
  await db.client.chatIdentity.create({ data: { platform, externalUserId, personId: person.id } });
  return person.id;
}
