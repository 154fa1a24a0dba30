// One pipeline for every channel: store → who → command → outcome → replies rendered. Channels only
// add transport (they decode before it and send what it returns).
import { localDate } from "../infra/time.js";
import { render, reply, replyOf } from "../templates/render.js";
import { storeInbound, type StoredInbound } from "../services/inbound/store-inbound.js";
import { CLAIM_MS, claimInbound } from "../services/inbound/claim-inbound.js";
import { markOutcome } from "../services/inbound/mark-outcome.js";
import { noteUnknownSender } from "../services/people/note-unknown-sender.js";
import { findSender } from "../services/people/find-sender.js";
import type { InboundMessage } from "../domain/message.js";
import type { Card } from "../cards/card.js";
import type { BotDeps, CommandResult } from "./context.js";
import { dispatch } from "./dispatch.js";

/** What a channel sends back: the replies as text, cards, and the tapped card's new text. */
export type Answer = { replies: string[]; cards?: Card[]; cardUpdate?: string; duplicate: boolean; outcome?: CommandResult["outcome"] };

const NOTHING: Answer = { replies: [], duplicate: true };

async function decide(deps: BotDeps, msg: InboundMessage, inboundId: number): Promise<Answer> {
  const today = localDate(deps.now(), deps.tz);
  const sender = await findSender(deps.db, msg.platform, msg.senderId, today);
  const result = await dispatch({ deps, msg, inboundId, sender, today, text: msg.text.trim() });
  if (result.outcome === "unknown_sender") {
    await noteUnknownSender(deps.db, { platform: msg.platform, senderId: msg.senderId, text: msg.text, today });
    deps.log.warn({ platform: msg.platform, senderId: msg.senderId }, "message from an account not on any roster");
  }
  // A recording command marks its message in the transaction that records it.
  if (result.outcome !== "recorded") await markOutcome(deps.db, inboundId, result.outcome, { reason: result.reason, personId: sender?.id });
  deps.countOutcome?.(msg.platform, result.outcome);
  return {
    replies: quoteHeard(msg, result.replies.map(render)), cards: result.cards, cardUpdate: result.cardUpdate && render(result.cardUpdate), duplicate: false, outcome: result.outcome,
  };
}

/** A spoken message's first answer starts with what was heard (听到：…), so a mis-hearing is seen. */
function quoteHeard(msg: InboundMessage, replies: string[]): string[] {
  if (!msg.spoken || replies.length === 0) return replies;
  return [`${reply("heard", { text: msg.text.trim() })}\n${replies[0]}`, ...replies.slice(1)];
}

/**
 * Answers one inbound message exactly once. A retry of a message already answered is a no-op, and so is
 * one that arrives while the first copy holds the message's claim; a copy left 'received' by a crash is
 * answered by the next sweep once the claim has lapsed.
 */
export async function decideMessage(deps: BotDeps, msg: InboundMessage): Promise<Answer> {
  return decideStored(deps, msg, await storeInbound(deps.db, msg, { claimMs: CLAIM_MS }));
}

/** The second half of decideMessage, for channels that store the message before acknowledging it. */
export async function decideStored(deps: BotDeps, msg: InboundMessage, stored: StoredInbound): Promise<Answer> {
  if (stored.duplicate && stored.outcome !== "received") return NOTHING;
  if (!stored.claimed && !(await claimInbound(deps.db, stored.id))) return NOTHING;
  try {
    return await decide(deps, msg, stored.id);
  } catch (error) {
    // The message stays 'received', so a later sweep answers it again.
    deps.log.error({ err: error, platform: msg.platform, msgId: msg.msgId }, "processing an inbound message failed");
    await claimInbound(deps.db, stored.id, { release: true }).catch(() => undefined);
    return { replies: [render(replyOf("replies")("error"))], duplicate: false };
  }
}
