// One pipeline for every channel: store → who → dispatch → outcome. Channels only add transport.
import { localDate } from "../infra/time.js";
import { reply } from "../templates.js";
import { claimInbound, releaseInbound, setOutcome, storeInbound, type InboundMessage, type StoredInbound } from "../services/inbound.js";
import { findSender } from "../services/people.js";
import type { BotDeps, CommandResult } from "./context.js";
import { dispatch } from "./dispatch.js";

export type PipelineResult = Pick<CommandResult, "cards" | "cardUpdate"> & { replies: string[]; duplicate: boolean; outcome?: CommandResult["outcome"] };

async function noteUnknownSender(deps: BotDeps, msg: InboundMessage, today: string): Promise<void> {
  // One admin notice per unknown account per day, however many messages it sends.
  await deps.prisma.notification.createMany({
    data: [{ kind: "unknown_sender", subject: `${msg.platform}:${msg.senderId}`, period: today, payload: { text: msg.text.slice(0, 200) } }],
    skipDuplicates: true,
  });
  deps.log.warn({ platform: msg.platform, senderId: msg.senderId }, "message from an account not on any roster");
}

async function answer(deps: BotDeps, msg: InboundMessage, inboundId: number): Promise<PipelineResult> {
  const sender = await findSender(deps.prisma, msg.platform, msg.senderId);
  const today = localDate(deps.now(), deps.tz);
  const result = await dispatch({ deps, msg, inboundId, sender, today, text: msg.text.trim() });
  if (result.outcome === "unknown_sender") await noteUnknownSender(deps, msg, today);
  if (result.outcome !== "recorded") await setOutcome(deps.prisma, inboundId, result.outcome, { reason: result.reason, personId: sender?.id });
  deps.countOutcome?.(msg.platform, result.outcome);
  return { replies: result.replies, cards: result.cards, cardUpdate: result.cardUpdate, duplicate: false, outcome: result.outcome };
}

/**
 * Handles one inbound message exactly once. A retry of a message already answered is a no-op, and so is
 * one that arrives while the first copy holds the message's claim; a copy left 'received' by a crash is
 * processed again by the next sweep once the claim has lapsed.
 */
export async function handleInbound(deps: BotDeps, msg: InboundMessage): Promise<PipelineResult> {
  return processInbound(deps, msg, await storeInbound(deps.prisma, msg));
}

/** The second half of handleInbound, for channels that store the message before acknowledging it. */
export async function processInbound(deps: BotDeps, msg: InboundMessage, stored: StoredInbound): Promise<PipelineResult> {
  if (stored.duplicate && stored.outcome !== "received") return { replies: [], duplicate: true };
  if (!stored.claimed && !(await claimInbound(deps.prisma, stored.id))) return { replies: [], duplicate: true };
  try {
    return await answer(deps, msg, stored.id);
  } catch (error) {
    // The message stays 'received', so a later sweep processes it again.
    deps.log.error({ err: error, platform: msg.platform, msgId: msg.msgId }, "processing an inbound message failed");
    await releaseInbound(deps.prisma, stored.id).catch(() => undefined);
    return { replies: [reply("error")], duplicate: false };
  }
}
