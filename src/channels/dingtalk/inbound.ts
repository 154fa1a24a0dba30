// DingTalk robot messages and card callbacks (PROTOCOLS §4a, §4d) → the neutral InboundMessage.
// Identity is senderStaffId (the userId a roster's 钉钉账号 names); a sender without one is outside the
// organisation and is answered with a refusal. Dedupe keys: msgId for messages; outTrackId + action +
// user for card taps, as WeCom's TaskId + EventKey + user, plus what a form held: a doctor who corrects
// a typo and submits again sends a new message, the same submission twice is one.
import { z } from "zod";
import { tapMessageId } from "../tap-id.js";
import { AppError } from "../../errors.js";
import { METRIC_KEYS } from "../../domain/metrics.js";
import type { InboundMessage } from "../../domain/message.js";

/** Where an answer to this message goes: the conversation's session webhook while valid, else the robot. */
export type ReplyRoute = { staffId?: string; sessionWebhook?: string; webhookExpiresAt?: number; conversationType?: string; conversationId?: string };

/** `voice`: an audio message DingTalk recognised no text in. */
export type DingtalkInbound = InboundMessage & { kind: "text" | "card" | "voice" | "other" | "external"; route: ReplyRoute; outTrackId?: string };

const nonEmpty = z.string().min(1).max(256);

export const RobotMessageSchema = z.looseObject({
  msgId: nonEmpty,
  msgtype: z.string().min(1).max(32),
  text: z.looseObject({ content: z.string().max(20_000) }).optional(),
  // Media messages carry their fields here; an audio message's `recognition` is DingTalk's transcript
  // (msgtype "audio": { duration, downloadCode, recognition }, and recognition may be absent).
  content: z.unknown().optional(),
  createAt: z.number().int().optional(),
  conversationType: z.string().max(4).optional(),
  conversationId: z.string().max(256).optional(),
  senderId: z.string().max(256).optional(),
  senderNick: z.string().max(256).optional(),
  senderStaffId: z.string().max(256).optional(),
  sessionWebhook: z.url().max(2048).optional(),
  sessionWebhookExpiredTime: z.number().int().optional(),
  robotCode: z.string().max(256).optional(),
});
export type RobotMessage = z.infer<typeof RobotMessageSchema>;

/** `@机器人 讲座+1`: DingTalk usually strips the robot's own mention, but not always the space or other mentions. */
export function stripMentions(content: string): string {
  return content.replace(/^(?:\s*@\S+)+/u, "").replace(/(?:\s+@\S+)+\s*$/u, "").trim();
}

export function parseRobotMessage(body: unknown): RobotMessage {
  const parsed = RobotMessageSchema.safeParse(body);
  if (!parsed.success) throw new AppError("bad_payload", `not a DingTalk robot message: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

const AudioContent = z.looseObject({ recognition: z.string().max(20_000).optional() });

/** What DingTalk heard in an audio message, or "" when it heard nothing. */
function recognised(m: RobotMessage): string {
  const content = AudioContent.safeParse(m.content);
  return content.success ? (content.data.recognition ?? "").trim() : "";
}

export function messageToInbound(m: RobotMessage, receivedAt: Date): DingtalkInbound {
  const route: ReplyRoute = {
    staffId: m.senderStaffId || undefined, sessionWebhook: m.sessionWebhook, webhookExpiresAt: m.sessionWebhookExpiredTime,
    conversationType: m.conversationType, conversationId: m.conversationId,
  };
  const base = { platform: "dingtalk" as const, msgId: m.msgId, receivedAt, payload: m, route };
  if (!m.senderStaffId) return { ...base, kind: "external", senderId: m.senderId || "external", text: m.text?.content ?? "" };
  if (m.msgtype === "audio") {
    const heard = recognised(m);
    if (!heard) return { ...base, kind: "voice", senderId: m.senderStaffId, text: "" };
    return { ...base, kind: "text", senderId: m.senderStaffId, text: stripMentions(heard), spoken: true };
  }
  if (m.msgtype !== "text" || !m.text) return { ...base, kind: "other", senderId: m.senderStaffId, text: "" };
  return { ...base, kind: "text", senderId: m.senderStaffId, text: stripMentions(m.text.content) };
}

const PrivateData = z.looseObject({
  cardPrivateData: z.looseObject({
    actionIds: z.array(z.string().max(64)).max(10).default([]),
    params: z.record(z.string(), z.unknown()).default({}),
  }),
});

export const CardCallbackSchema = z.looseObject({
  outTrackId: nonEmpty,
  userId: nonEmpty,
  content: z.string().max(20_000).optional(),
  value: z.string().max(20_000).optional(),
});

function readPrivateData(json: string | undefined) {
  if (!json) return undefined;
  try {
    const parsed = PrivateData.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data.cardPrivateData : undefined;
  } catch {
    return undefined;
  }
}

const isMetricKey = (key: string) => (METRIC_KEYS as readonly string[]).includes(key);

/** A tap: the button's action id is our key; a form's inputs are named by metric key (templates/dingtalk-cards.json). */
export function cardToInbound(body: unknown, receivedAt: Date): DingtalkInbound {
  const parsed = CardCallbackSchema.safeParse(body);
  if (!parsed.success) throw new AppError("bad_payload", "not a DingTalk card callback");
  const c = parsed.data;
  const data = readPrivateData(c.content) ?? readPrivateData(c.value);
  const key = data?.actionIds[0] ?? (typeof data?.params.action === "string" ? data.params.action : undefined);
  if (!data || !key) throw new AppError("bad_payload", "card callback without an action");
  const selections = Object.entries(data.params)
    .filter(([name, value]) => isMetricKey(name) && value !== "" && value !== null && value !== undefined)
    .map(([name, value]) => ({ questionKey: name, optionIds: [String(value).trim()] }));
  const tap = { taskId: c.outTrackId, key, selections };
  return {
    platform: "dingtalk", kind: "card", msgId: tapMessageId(tap, c.userId), senderId: c.userId, text: "",
    receivedAt, payload: c, route: { staffId: c.userId }, outTrackId: c.outTrackId, tap,
  };
}
