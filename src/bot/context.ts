// What a command gets (the message, who sent it, the handles services need) and what it gives back: an
// outcome for the stored message and replies as template keys with values. No platform types, no
// database calls (services make those), no finished text (the pipeline renders it).
import type { Logger } from "../infra/logger.js";
import type { Store } from "../infra/store.js";
import type { DbClient } from "../infra/db.js";
import type { InboundOutcome } from "../infra/records.js";
import type { MetricKey } from "../domain/metrics.js";
import type { InboundMessage } from "../domain/message.js";
import type { Sender } from "../services/people/find-sender.js";
import { findCurrentPosting, type CurrentPosting } from "../services/postings/find-current-posting.js";
import type { LocalDate } from "../infra/time.js";
import type { Card } from "../cards/card.js";
import type { QuietHours } from "../schedule/calendar.js";
import type { Reply } from "../templates/render.js";

export type BotDeps = {
  db: DbClient;
  store: Store;
  log: Logger;
  tz: string;
  now: () => Date;
  dailyLimits: Partial<Record<MetricKey, number>>;
  /** Where the console is opened (后台 answers a sign-in link under it). */
  publicUrl?: string;
  /** Quiet hours and 稍后提醒 length (SPEC §5); defaults 21:00–08:00 and two hours. */
  reminders?: { quiet: QuietHours; snoozeMinutes: number };
  /** Counts each processed message (Prometheus in the server). */
  countOutcome?: (platform: string, outcome: InboundOutcome) => void;
};

export type BotContext = {
  deps: BotDeps;
  msg: InboundMessage;
  inboundId: number;
  sender: Sender | undefined;
  today: LocalDate;
  /** The message text, trimmed. */
  text: string;
};

/** A command's decision: the outcome stored on the message, and what the sender reads. */
export type CommandResult = {
  replies: Reply[];
  outcome: InboundOutcome;
  reason?: string;
  /** Cards to send after the replies (填报). */
  cards?: Card[];
  /** For a card tap: the text that replaces the tapped card's buttons (WeCom greys them out). */
  cardUpdate?: Reply;
};

export type Command = {
  name: string;
  /** Returns the match (truthy) when this command handles the text; first match wins. */
  match(text: string): RegExpExecArray | null;
  /** Commands that work before the sender is on the roster (绑定, 帮助). */
  allowsUnknownSender?: boolean;
  handle(ctx: BotContext, match: RegExpExecArray): Promise<CommandResult>;
};

/** A command for someone on the roster: the sender is known. */
export type KnownContext = BotContext & { sender: Sender };

/** The sender's posting today: read with the sender when the pipeline asked for it (one round trip less), or now. */
export const currentPostingOf = async (ctx: KnownContext): Promise<CurrentPosting | undefined> =>
  ctx.sender.posting !== undefined ? ctx.sender.posting ?? undefined : findCurrentPosting(ctx.deps.db, ctx.sender.id, ctx.today);

export const answer = (outcome: InboundOutcome, ...replies: Reply[]): CommandResult => ({ replies, outcome });

/** Nothing recorded; `reason` is kept on the stored message. */
export const reject = (reason: string, reply: Reply): CommandResult => ({ replies: [reply], outcome: "rejected", reason });
